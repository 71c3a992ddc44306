import type { LoadResult } from './load-plan';
import type { ContenderName } from './options';
import type { WorkloadName } from './workloads';

/** One measured slot: a contender under one workload in one round. */
export interface Sample extends LoadResult {
  workload: WorkloadName;
  contender: ContenderName;
  round: number;
  /** Peak RSS of the contender's process during the measured seconds (MB), when the OS tells. */
  peakRssMb: number | null;
  /** CPU time the contender's process spent per correct response (ms). */
  cpuMsPerRequest: number | null;
  /** CPU time all four subgraphs spent per correct response (ms). */
  subgraphCpuMsPerRequest: number | null;
  /** The same, per subgraph (ms; null when the OS does not tell). */
  subgraphCpuMs: Record<string, number | null>;
}

export interface Summary {
  /** Medians over the rounds. */
  rps: number;
  p50: number;
  p99: number;
  meanMs: number;
  /** Totals over the rounds. */
  errors: number;
  responses: number;
  /** Highest over the rounds. */
  peakRssMb: number | null;
  /** Medians: CPU ms per request in the contender's process, and in the subgraphs together. */
  cpuMsPerRequest: number | null;
  subgraphCpuMsPerRequest: number | null;
  /**
   * Per subgraph: median CPU ms per request, and the CPU-bound ceiling it implies (a Node process has
   * one core's worth of JavaScript: 1000 ms of CPU a second ÷ ms per request).
   */
  subgraphs: Record<string, { cpuMsPerRequest: number | null; cpuCeilingRps: number | null }>;
  /** Requests/s of each round, in order, to show the spread. */
  roundsRps: number[];
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

function medianOf(values: (number | null)[]): number | null {
  const known = values.filter((v): v is number => v !== null);
  return known.length ? Math.round(median(known) * 100) / 100 : null;
}

export function summarize(samples: readonly Sample[]): Summary {
  const rss = samples.map((s) => s.peakRssMb).filter((m): m is number => m !== null);
  return {
    rps: round1(median(samples.map((s) => s.rps))),
    p50: round1(median(samples.map((s) => s.p50))),
    p99: round1(median(samples.map((s) => s.p99))),
    meanMs: Math.round(median(samples.map((s) => s.meanMs)) * 100) / 100,
    errors: samples.reduce((n, s) => n + s.errors, 0),
    responses: samples.reduce((n, s) => n + s.responses, 0),
    peakRssMb: rss.length ? Math.max(...rss) : null,
    cpuMsPerRequest: medianOf(samples.map((s) => s.cpuMsPerRequest)),
    subgraphCpuMsPerRequest: medianOf(samples.map((s) => s.subgraphCpuMsPerRequest)),
    roundsRps: samples.map((s) => round1(s.rps)),
    subgraphs: Object.fromEntries(
      [...new Set(samples.flatMap((s) => Object.keys(s.subgraphCpuMs)))].map((name) => {
        const ms = medianOf(samples.map((s) => s.subgraphCpuMs[name] ?? null));
        return [name, { cpuMsPerRequest: ms, cpuCeilingRps: ms ? round1(1000 / ms) : null }];
      }),
    ),
  };
}

/** The order contenders run in, round by round: A B C, C B A, A B C… so no one always goes first. */
export function interleave<T>(items: readonly T[], rounds: number): { round: number; item: T }[] {
  const slots: { round: number; item: T }[] = [];
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? items : [...items].reverse();
    for (const item of order) slots.push({ round, item });
  }
  return slots;
}
