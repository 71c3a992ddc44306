import type { ContenderName } from './options';
import type { Summary } from './stats';
import { WORKLOADS, type WorkloadName } from './workloads';

export interface Ceiling {
  /** Requests the workload's one gateway request sends this subgraph. */
  fetchesPerRequest: number;
  /** The subgraph alone on those requests, in gateway requests per second (its limit for this workload). */
  rps: number;
  p50: number;
  errors: number;
}

export interface WorkloadReport {
  title: string;
  contenders: Partial<Record<ContenderName, Summary>>;
  /** Ratios of medians; absent when a contender of the pair did not run. */
  ratios: Record<string, number>;
  ceilings?: Partial<Record<string, Ceiling>>;
}

export interface BenchReport {
  command: string;
  machine: Record<string, string | number>;
  settings: Record<string, string | number>;
  workloads: Partial<Record<WorkloadName, WorkloadReport>>;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

export function ratiosOf(contenders: WorkloadReport['contenders']): Record<string, number> {
  const { ours, hive, subgraph } = contenders;
  const stock = contenders['apollo-stock'];
  const aa = contenders['ours-aa'];
  const ratios: Record<string, number> = {};
  if (ours && hive) {
    ratios.oursVsHiveRps = round2(ours.rps / hive.rps);
    ratios.oursVsHiveP99 = round2(ours.p99 / hive.p99);
    if (ours.peakRssMb && hive.peakRssMb) ratios.oursVsHivePeakRss = round2(ours.peakRssMb / hive.peakRssMb);
    if (ours.cpuMsPerRequest && hive.cpuMsPerRequest) {
      ratios.oursVsHiveCpuPerRequest = round2(ours.cpuMsPerRequest / hive.cpuMsPerRequest);
    }
  }
  if (ours && stock) ratios.oursVsApolloStockRps = round2(ours.rps / stock.rps);
  if (ours && aa) ratios.aaControlRps = round2(aa.rps / ours.rps);
  const bare = contenders['ours-bare'];
  const cached = contenders['ours-cache'];
  const router = contenders['hive-router'];
  if (bare && hive) ratios.oursBareVsHiveRps = round2(bare.rps / hive.rps);
  if (ours && router) ratios.oursVsHiveRouterRps = round2(ours.rps / router.rps);
  if (cached && ours) ratios.cacheOnVsOffRps = round2(cached.rps / ours.rps);
  if (cached && hive) ratios.oursCacheVsHiveRps = round2(cached.rps / hive.rps);
  // Time a gateway adds to a call its subgraph answers alone: meaningful with one connection (see
  // WORKLOADS.single), where p50 is whole milliseconds and the mean is exact.
  if (ours && subgraph) {
    ratios.gatewayOverheadP50Ms = round2(ours.p50 - subgraph.p50);
    ratios.gatewayOverheadMeanMs = round2(ours.meanMs - subgraph.meanMs);
  }
  if (hive && subgraph) {
    ratios.hiveOverheadP50Ms = round2(hive.p50 - subgraph.p50);
    ratios.hiveOverheadMeanMs = round2(hive.meanMs - subgraph.meanMs);
  }
  return ratios;
}

const pad = (s: string, n: number) => s.padEnd(n);
const num = (n: number | null, digits = 1) => (n === null ? 'n/a' : n.toFixed(digits));

/** A plain-text table per workload, for people. */
export function formatTables(report: BenchReport): string {
  const lines: string[] = [];
  for (const [name, workload] of Object.entries(report.workloads)) {
    lines.push('', `${WORKLOADS[name as WorkloadName].title}`);
    lines.push(
      `  ${pad('contender', 21)}${pad('req/s', 9)}${pad('p50 ms', 9)}${pad('p99 ms', 9)}${pad('mean ms', 9)}${pad('errors', 8)}${pad('peak RSS MB', 13)}${pad('CPU ms/req', 12)}${pad('subgraphs', 11)}req/s by round`,
    );
    for (const [contender, s] of Object.entries(workload.contenders)) {
      lines.push(
        `  ${pad(contender, 21)}${pad(num(s.rps), 9)}${pad(num(s.p50), 9)}${pad(num(s.p99), 9)}${pad(num(s.meanMs, 2), 9)}${pad(String(s.errors), 8)}${pad(num(s.peakRssMb, 0), 13)}${pad(num(s.cpuMsPerRequest, 2), 12)}${pad(num(s.subgraphCpuMsPerRequest, 2), 11)}${s.roundsRps.join(' ')}`,
      );
    }
    for (const [contender, s] of Object.entries(workload.contenders)) {
      const parts = Object.entries(s.subgraphs ?? {}).map(
        ([name, v]) => `${name} ${num(v.cpuMsPerRequest, 2)} ms (≤ ${num(v.cpuCeilingRps, 0)} req/s)`,
      );
      if (parts.length) lines.push(`  subgraph CPU/req behind ${pad(contender, 21)}${parts.join(', ')}`);
    }
    for (const [subgraph, c] of Object.entries(workload.ceilings ?? {})) {
      if (!c) continue;
      lines.push(
        `  ceiling ${pad(subgraph, 10)} ${num(c.rps)} req/s alone (${c.fetchesPerRequest} fetch/request, p50 ${num(c.p50)} ms, errors ${c.errors})`,
      );
    }
    const ratios = Object.entries(workload.ratios).map(([k, v]) => `${k} ${v}`);
    if (ratios.length) lines.push(`  ratios: ${ratios.join(', ')}`);
  }
  return lines.join('\n');
}
