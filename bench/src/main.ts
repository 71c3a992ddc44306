/**
 * `npm run bench`: starts the subgraphs on fresh data, records the expected answers, starts every
 * contender in its own process, then loads them in interleaved rounds from a separate load process and
 * prints medians (a table, or one JSON object with --json). Results and an SVG chart go to --out.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { ROOT, SUBGRAPHS as SUBGRAPH_NAMES } from '../../scripts/services';
import { renderChart } from './chart';
import { type GatewayName, type RunningContender, startContender } from './contenders';
import { type BenchGraph, startBenchGraph } from './graph';
import { LoadGenerator } from './load';
import type { LoadPlan } from './load-plan';
import { type BenchOptions, type ContenderName, parseOptions } from './options';
import { cpuMs, memory } from './processes';
import { buildReference, type Reference } from './reference';
import { type BenchReport, type Ceiling, formatTables, ratiosOf, type WorkloadReport } from './report';
import { interleave, type Sample, summarize } from './stats';
import { isManyUsers, WORKLOADS, type WorkloadName } from './workloads';

const options = parseOptions(process.argv.slice(2), process.env.INIT_CWD);
// With --json, stdout carries only the result object; progress goes to stderr.
const log = (line: string) => (options.json ? process.stderr : process.stdout).write(`${line}\n`);

/** The plan of one load run, less its headers (minted for each run, see `measure`). */
type Plan = Omit<LoadPlan, 'headers'>;
/** The headers of a load run lasting `seconds`. */
type Headers = (seconds: number) => Promise<Record<string, string>>;

interface Target {
  name: ContenderName;
  url: string;
  pid: number;
  headers: Headers;
}

function planFor(workload: WorkloadName, url: string, reference: Reference, seconds: number): Plan {
  const base = { url, connections: WORKLOADS[workload].connections ?? options.connections, seconds };
  if (workload === 'mutation') return { ...base, mutationTargets: reference.mutationTargets };
  if (isManyUsers(workload)) {
    const sessions = reference.traffic.sessions[workload] ?? [];
    if (workload !== 'read-write-mix') return { ...base, sessions };
    // 9 reads then a write, on every connection: 10% recordTrackingEvent.
    return { ...base, sessions, writes: { every: 10, targets: reference.traffic.writes } };
  }
  return { ...base, exchanges: [reference.reads[workload]] };
}

/** CPU milliseconds per correct response, or null when the OS does not tell. */
async function cpuPerResponse(pids: number[], before: (number | null)[], responses: number) {
  const after = await Promise.all(pids.map(cpuMs));
  let used = 0;
  for (const [i, end] of after.entries()) {
    const start = before[i];
    if (end === null || start === null || start === undefined) return null;
    used += end - start;
  }
  return responses > 0 ? Math.round((used / responses) * 100) / 100 : null;
}

/** Warm-up (discarded), then the measured run with the contender's peak RSS and CPU time. */
async function measure(
  load: LoadGenerator,
  plan: Plan,
  headers: Headers,
  pid: number,
  subgraphPids: number[],
) {
  if (options.warmup > 0) {
    await load.run({ ...plan, seconds: options.warmup, headers: await headers(options.warmup) });
  }
  const measuredHeaders = await headers(plan.seconds);
  await memory.resetPeak(pid);
  const before = await Promise.all([pid, ...subgraphPids].map(cpuMs));
  const result = await load.run({ ...plan, headers: measuredHeaders });
  const correct = Math.round(result.rps * result.seconds);
  const bySubgraph: Record<string, number | null> = {};
  for (const [i, name] of SUBGRAPH_NAMES.entries()) {
    if (subgraphPids[i] === undefined) continue;
    bySubgraph[name] = await cpuPerResponse([subgraphPids[i]], [before[i + 1] ?? null], correct);
  }
  return {
    ...result,
    peakRssMb: await memory.peakMb(pid),
    cpuMsPerRequest: await cpuPerResponse([pid], before.slice(0, 1), correct),
    subgraphCpuMsPerRequest: await cpuPerResponse(subgraphPids, before.slice(1), correct),
    subgraphCpuMs: bySubgraph,
  };
}

/** Each subgraph alone on exactly the requests one gateway request of this workload sends it. */
async function ceilings(
  load: LoadGenerator,
  graph: BenchGraph,
  reference: Reference,
  workload: WorkloadName,
) {
  const result: Partial<Record<string, Ceiling>> = {};
  for (const [name, exchanges] of Object.entries(reference.fetches[workload] ?? {})) {
    if (!exchanges?.length) continue;
    const subgraph = graph.subgraphs[name as keyof BenchGraph['subgraphs']];
    const plan = {
      url: subgraph.url,
      connections: options.connections,
      seconds: options.duration,
      exchanges,
    };
    const measured = await measure(load, plan, internalHeaders(graph), subgraph.process.pid, []);
    // autocannon cycles through the exchanges: one gateway request's worth is `exchanges.length` of them.
    result[name] = {
      fetchesPerRequest: exchanges.length,
      rps: Math.round((measured.rps / exchanges.length) * 10) / 10,
      p50: measured.p50,
      errors: measured.errors,
    };
    log(`  ceiling ${workload}/${name}: ${result[name]?.rps} req/s`);
  }
  return result;
}

/** What the bench sends a subgraph directly: a fresh internal token, as a gateway would. */
const internalHeaders =
  (graph: BenchGraph): Headers =>
  async (seconds) => ({ authorization: await graph.auth.internalAuthorization(seconds) });

function machine(): BenchReport['machine'] {
  let postgres = 'n/a';
  try {
    postgres = execFileSync('psql', ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    // only informative
  }
  return {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cpus: os.availableParallelism(),
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    postgres,
  };
}

/** Compiles the platform and our gateway (`npm run build`'s step for them), output to stderr. */
function buildOurGateway() {
  log('compiling our gateway (scripts/build.ts packages/platform gateway)');
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'scripts/build.ts', 'packages/platform', 'gateway'],
    { cwd: ROOT, stdio: ['ignore', 2, 2] },
  );
  if (result.status !== 0) throw new Error(`building our gateway failed (${result.status})`);
}

async function main(opts: BenchOptions) {
  const started = Date.now();
  if (!opts.source && opts.contenders.some((name) => name.startsWith('ours'))) buildOurGateway();
  // The in-process reference gateway would otherwise start Apollo's OpenTelemetry exporter, which probes
  // cloud metadata endpoints (the same switch our gateway sets for itself).
  process.env.APOLLO_TELEMETRY_DISABLED = 'true';
  const profileDir = opts.profile ? resolve(opts.profile) : undefined;
  const graph = await startBenchGraph({
    postgresUrl: opts.pglite ? undefined : opts.postgresUrl,
    log,
    profileDir,
  });
  const running: RunningContender[] = [];
  const load = new LoadGenerator();
  try {
    log('recording the expected answers through a reference gateway');
    const reference = await buildReference(graph, {
      workloads: opts.workload,
      connections: opts.connections,
    });
    for (const name of opts.contenders) {
      if (name === 'subgraph') continue;
      running.push(await startContender(name as GatewayName, graph, profileDir, opts.source));
      log(`started ${name}`);
    }
    const subgraphPids = SUBGRAPH_NAMES.map((name) => graph.subgraphs[name].process.pid);
    const samples: Sample[] = [];
    const report: BenchReport = {
      command: `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim(),
      machine: machine(),
      settings: {
        duration: opts.duration,
        warmup: opts.warmup,
        rounds: opts.rounds,
        connections: opts.connections,
        store: graph.store,
        ourGateway: opts.source ? 'tsx on src/' : 'compiled dist/',
      },
      workloads: {},
    };
    for (const workload of opts.workload) {
      const { singleSubgraph } = WORKLOADS[workload];
      // Every gateway gets the same user token on every request.
      const userHeaders = { authorization: graph.auth.userAuthorization };
      const targets: Target[] = running.map((c) => ({
        name: c.name,
        url: c.url,
        pid: c.process.pid,
        headers: async () => userHeaders,
      }));
      if (singleSubgraph && opts.contenders.includes('subgraph')) {
        const sub = graph.subgraphs[singleSubgraph];
        targets.push({
          name: 'subgraph',
          url: sub.url,
          pid: sub.process.pid,
          headers: internalHeaders(graph),
        });
      }
      log(`\n${WORKLOADS[workload].title}`);
      for (const { round, item } of interleave(targets, opts.rounds)) {
        const plan = planFor(workload, item.url, reference, opts.duration);
        const measured = await measure(load, plan, item.headers, item.pid, subgraphPids);
        samples.push({ ...measured, workload, contender: item.name, round });
        log(
          `  round ${round + 1} ${item.name.padEnd(13)} ${measured.rps.toFixed(1)} req/s  p50 ${measured.p50} ms  p99 ${measured.p99} ms  errors ${measured.errors}  CPU ms/req ${measured.cpuMsPerRequest} (subgraphs ${measured.subgraphCpuMsPerRequest})`,
        );
      }
      const contenders: WorkloadReport['contenders'] = {};
      for (const target of targets) {
        contenders[target.name] = summarize(
          samples.filter((s) => s.workload === workload && s.contender === target.name),
        );
      }
      const entry: WorkloadReport = {
        title: WORKLOADS[workload].title,
        contenders,
        ratios: ratiosOf(contenders),
      };
      if (opts.ceilings && !singleSubgraph) entry.ceilings = await ceilings(load, graph, reference, workload);
      report.workloads[workload] = entry;
    }
    report.settings.elapsedSeconds = Math.round((Date.now() - started) / 1000);
    const out = resolve(opts.out ?? join(ROOT, 'bench/results'));
    await mkdir(out, { recursive: true });
    await writeFile(join(out, 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
    await writeFile(join(out, 'chart.svg'), renderChart(report));
    if (opts.json) process.stdout.write(`${JSON.stringify(report)}\n`);
    else
      log(
        `${formatTables(report)}\n\nresults: ${join(out, 'latest.json')}, chart: ${join(out, 'chart.svg')}`,
      );
    return report;
  } finally {
    load.close();
    await Promise.all(running.map((c) => c.process.stop()));
    await graph.cleanup.run();
  }
}

main(options).then(
  (report) => {
    const failed = Object.values(report.workloads).some((w) =>
      Object.values(w?.contenders ?? {}).some((s) => s.responses === 0),
    );
    process.exit(failed ? 1 : 0);
  },
  (error: unknown) => {
    console.error(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
