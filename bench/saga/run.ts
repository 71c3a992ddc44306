/**
 * `npm run bench:saga [-- --orders 1000 --concurrency 64 --rounds 4 --buses http,nats] [--rate 20]`
 *
 * The fulfilment saga end to end: places orders through the gateway (each as its own demo customer,
 * with their own token) and measures, from the orders context's own step timestamps, how long each took
 * from placed to CONFIRMED, and how many orders per second the graph carries from placed to confirmed.
 * By default a burst: `concurrency` clients place orders back to back (the throughput). With `--rate`,
 * orders arrive at that many per second whatever the graph's pace (the latency of a graph not saturated).
 * A placement the graph refuses (a timeout under the burst) is counted, never retried. Each service's
 * CPU use over the round (from /proc, as a share of one core) shows which process sets the pace.
 * One graph per bus (the embedded HTTP inboxes, and NATS JetStream on a private nats-server), rounds
 * interleaved, with an A/A control (the embedded bus measured twice a round). Samples the outbox lag
 * (`freightgraph_events_oldest_pending_seconds`) on every subgraph while orders flow. Not a test: it
 * prints figures for docs/BENCHMARKS.md; `--json` prints them as one object.
 */
import { readdir, readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { demoCustomerId } from '@freightgraph/platform';
import { natsServer, type TestNatsServer, testTokens } from '@freightgraph/platform/testing';
import { post } from '../../tests/client';
import { type RunningGraph, startGraph } from '../../tests/harness';
import { orderInput } from '../../tests/saga-kit';
import { cpuMs } from '../src/processes';

const { values } = parseArgs({
  options: {
    orders: { type: 'string', default: '1000' },
    concurrency: { type: 'string', default: '64' },
    rate: { type: 'string' },
    rounds: { type: 'string', default: '4' },
    buses: { type: 'string', default: 'http,nats' },
    json: { type: 'boolean', default: false },
  },
});
const ORDERS = Number(values.orders);
const CONCURRENCY = Number(values.concurrency);
const RATE = values.rate === undefined ? undefined : Number(values.rate);
const ROUNDS = Number(values.rounds);
const BUSES = values.buses.split(',') as ('http' | 'nats')[];
const log = (line: string) => console.error(line);

const STEPS = `query Steps($id: ID!) { order(id: $id) { status fulfillment { steps { name status at } } } }`;
type Steps = {
  order: { status: string; fulfillment: { steps: { name: string; status: string; at: string }[] } };
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : Number.NaN;
const median = (xs: number[]) =>
  percentile(
    [...xs].sort((a, b) => a - b),
    50,
  );

interface Contender {
  bus: 'http' | 'nats';
  graph: RunningGraph;
  nats?: TestNatsServer;
  tokens: ReturnType<typeof testTokens>;
  customers: string[];
}

async function boot(bus: 'http' | 'nats'): Promise<Contender> {
  const nats = bus === 'nats' ? await natsServer() : undefined;
  const graph = await startGraph({
    env: { LOG_LEVEL: 'error', ...(nats ? { NATS_URL: nats.url, NATS_STREAM_PREFIX: 'bench' } : {}) },
  });
  const tokens = testTokens(graph.layout.dataDir);
  const customers = await Promise.all(
    Array.from({ length: 200 }, (_, i) => tokens.bearer('customer', { customerId: demoCustomerId(i) })),
  );
  return { bus, graph, nats, tokens, customers };
}

/** The largest outbox lag seen on any subgraph while `running` is pending. */
async function sampleLag(contender: Contender, running: Promise<unknown>): Promise<number> {
  const internal = await contender.tokens.internal('admin');
  let max = 0;
  let done = false;
  void running
    .finally(() => {
      done = true;
    })
    .catch(() => undefined);
  while (!done) {
    for (const url of Object.values(contender.graph.subgraphUrls)) {
      const text = await (
        await fetch(url.replace(/\/graphql$/, '/metrics'), { headers: { authorization: internal } })
      ).text();
      for (const match of text.matchAll(
        /^freightgraph_events_oldest_pending_seconds(?:\{[^}]*\})? ([\d.e+-]+)$/gm,
      )) {
        max = Math.max(max, Number(match[1]));
      }
    }
    await sleep(250);
  }
  return max;
}

const HOPS = [
  'freightgraph_events_outbox_lag_seconds',
  'freightgraph_events_send_seconds',
  'freightgraph_events_consume_lag_seconds',
  'freightgraph_events_apply_seconds',
];
type Hops = Record<string, { sum: number; count: number }>;

/** Each subgraph's per-hop histograms (events/timings.ts): sum and count by metric and label. */
async function hopsOf(contender: Contender): Promise<Hops> {
  const internal = await contender.tokens.internal('admin');
  const hops: Hops = {};
  for (const [name, url] of Object.entries(contender.graph.subgraphUrls)) {
    const text = await (
      await fetch(url.replace(/\/graphql$/, '/metrics'), { headers: { authorization: internal } })
    ).text();
    for (const match of text.matchAll(
      /^(freightgraph_events_\w+_seconds)_(sum|count)\{([^}]*)\} ([\d.e+-]+)$/gm,
    )) {
      const [, metric, part, labels, value] = match;
      if (!HOPS.includes(metric!)) continue;
      const label = /(?:destination|type)="([^"]+)"/.exec(labels!)?.[1] ?? '';
      const key = `${name} ${metric!.replace(/^freightgraph_events_|_seconds$/g, '')} ${label}`;
      const hop = hops[key] ?? { sum: 0, count: 0 };
      hops[key] = hop;
      hop[part as 'sum' | 'count'] = Number(value);
    }
  }
  return hops;
}

/** The mean of each hop over a round (ms) and how many it counted. */
function hopMeans(before: Hops, after: Hops): Record<string, string> {
  const means: Record<string, string> = {};
  for (const [key, hop] of Object.entries(after)) {
    const count = hop.count - (before[key]?.count ?? 0);
    if (count > 0)
      means[key] = `${((1000 * (hop.sum - (before[key]?.sum ?? 0))) / count).toFixed(1)} ms ×${count}`;
  }
  return means;
}

/** CPU milliseconds of every process named `comm` (all of PostgreSQL's backends, any nats-server). */
async function cpuOfCommand(comm: string): Promise<number> {
  let total = 0;
  for (const pid of (await readdir('/proc')).filter((entry) => /^\d+$/.test(entry))) {
    const name = await readFile(`/proc/${pid}/comm`, 'utf8').catch(() => '');
    if (name.trim() === comm) total += (await cpuMs(Number(pid))) ?? 0;
  }
  return total;
}

/** CPU milliseconds the whole machine has been busy (all cores, everyone's processes), from /proc/stat. */
async function machineBusyMs(): Promise<number> {
  const [cpu] = (await readFile('/proc/stat', 'utf8')).split('\n');
  const [, user, nice, system, , , irq, softirq, steal] = cpu!.trim().split(/\s+/).map(Number);
  return ((user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0)) * 10;
}

/**
 * CPU milliseconds each of the graph's services has used so far, and beside them PostgreSQL (the
 * server's, shared with anything else on it), nats-server, this bench's own client, and the machine.
 */
async function cpuOf(graph: RunningGraph): Promise<Record<string, number>> {
  const entries = await Promise.all(
    [...graph.processes].map(
      async ([name, process]) => [name, (await cpuMs(process.child.pid!)) ?? 0] as const,
    ),
  );
  const own = process.cpuUsage();
  return {
    ...Object.fromEntries(entries),
    postgres: await cpuOfCommand('postgres'),
    'nats-server': await cpuOfCommand('nats-server'),
    bench: (own.user + own.system) / 1000,
    machine: await machineBusyMs(),
  };
}

async function round(contender: Contender) {
  const { graph } = contender;
  const ids: string[] = [];
  const placeMs: number[] = [];
  const refused: Record<string, number> = {};
  const placeOne = async (i: number) => {
    const customer = i % contender.customers.length;
    const begun = performance.now();
    const result = await post<{ placeOrder: { id: string } }>(
      graph.gatewayUrl,
      {
        query: 'mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) { id } }',
        variables: { input: orderInput({ customer, weightKg: 1, sku: `SKU-${i}` }) },
      },
      { authorization: contender.customers[customer]! },
    );
    placeMs.push(performance.now() - begun);
    if (result.data?.placeOrder) ids.push(result.data.placeOrder.id);
    else {
      const code = String(result.errors?.[0]?.extensions?.code ?? result.status);
      refused[code] = (refused[code] ?? 0) + 1;
    }
  };
  let next = 0;
  const placeAll = async () => {
    while (next < ORDERS) await placeOne(next++);
  };
  const atRate = async (perSecond: number) => {
    const placed: Promise<void>[] = [];
    const begin = Date.now();
    for (let i = 0; i < ORDERS; i++) {
      const due = begin + (i * 1000) / perSecond;
      if (due > Date.now()) await sleep(due - Date.now());
      placed.push(placeOne(i));
    }
    await Promise.all(placed);
  };
  const cpuBefore = await cpuOf(graph);
  const hopsBefore = await hopsOf(contender);
  const started = Date.now();
  const placing =
    RATE === undefined ? Promise.all(Array.from({ length: CONCURRENCY }, placeAll)) : atRate(RATE);
  // Until every order has left PENDING: waits on the oldest still pending, so polling stays light.
  const settling = placing.then(async () => {
    const admin = await contender.tokens.bearer('admin');
    for (const id of ids) {
      for (;;) {
        const result = await post<Steps>(
          graph.gatewayUrl,
          { query: STEPS, variables: { id } },
          { authorization: admin },
        );
        if (result.data?.order.status !== 'PENDING') break;
        await sleep(50);
      }
    }
    return admin;
  });
  const lag = await sampleLag(contender, settling);
  const admin = await settling;
  const cpuAfter = await cpuOf(graph);
  const hops = hopMeans(hopsBefore, await hopsOf(contender));
  const wallMs = Date.now() - started;
  const cpuShare = Object.fromEntries(
    Object.keys(cpuAfter).map((name) => [
      name,
      Math.round((100 * ((cpuAfter[name] ?? 0) - (cpuBefore[name] ?? 0))) / wallMs),
    ]),
  );
  const latencies: number[] = [];
  let firstPlaced = Number.POSITIVE_INFINITY;
  let lastConfirmed = 0;
  let rejected = 0;
  for (const id of ids) {
    const { data } = await post<Steps>(
      graph.gatewayUrl,
      { query: STEPS, variables: { id } },
      { authorization: admin },
    );
    const steps = data!.order.fulfillment.steps;
    const placed = Date.parse(steps.find((s) => s.name === 'PLACE_ORDER')!.at);
    const reserved = steps.find((s) => s.name === 'RESERVE_CAPACITY' && s.status === 'DONE');
    firstPlaced = Math.min(firstPlaced, placed);
    if (!reserved || data!.order.status !== 'CONFIRMED') {
      rejected++;
      continue;
    }
    const at = Date.parse(reserved.at);
    lastConfirmed = Math.max(lastConfirmed, at);
    latencies.push(at - placed);
  }
  const sorted = latencies.sort((a, b) => a - b);
  const placeSorted = placeMs.sort((a, b) => a - b);
  return {
    confirmed: latencies.length,
    rejected,
    refused,
    ordersPerSecond: latencies.length / ((lastConfirmed - firstPlaced) / 1000),
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    maxOutboxLagMs: Math.round(lag * 1000),
    wallSeconds: wallMs / 1000,
    /** placeOrder through the gateway, as the client saw it. */
    placeP50Ms: Math.round(percentile(placeSorted, 50)),
    placeP99Ms: Math.round(percentile(placeSorted, 99)),
    cpuShare,
    hops,
  };
}

const contenders: Contender[] = [];
try {
  for (const bus of BUSES) {
    log(`booting the graph on the ${bus} bus`);
    contenders.push(await boot(bus));
  }
  const results: Record<string, Awaited<ReturnType<typeof round>>[]> = {};
  const run = async (name: string, contender: Contender) => {
    log(`${name}: ${ORDERS} orders, ${RATE === undefined ? `${CONCURRENCY} at a time` : `${RATE}/s`}`);
    const figures = await round(contender);
    log(
      `  ${figures.ordersPerSecond.toFixed(0)} orders/s, p50 ${figures.p50Ms} ms, p99 ${figures.p99Ms} ms, outbox lag ≤ ${figures.maxOutboxLagMs} ms, refused ${JSON.stringify(figures.refused)}, CPU % of a core ${JSON.stringify(figures.cpuShare)}`,
    );
    log(`  placeOrder p50 ${figures.placeP50Ms} ms, p99 ${figures.placeP99Ms} ms; per hop (mean):`);
    for (const [hop, mean] of Object.entries(figures.hops)) log(`    ${hop}: ${mean}`);
    results[name] = [...(results[name] ?? []), figures];
  };
  for (let r = 0; r < ROUNDS; r++) {
    log(`round ${r + 1}/${ROUNDS}`);
    for (const contender of contenders) await run(contender.bus, contender);
    // A/A control: the first bus again, as another contender would be.
    const control = contenders[0];
    if (control) await run(`${control.bus} (A/A)`, control);
  }
  const summary = Object.fromEntries(
    Object.entries(results).map(([name, runs]) => [
      name,
      {
        ordersPerSecond: Math.round(median(runs.map((r) => r.ordersPerSecond))),
        p50Ms: median(runs.map((r) => r.p50Ms)),
        p99Ms: median(runs.map((r) => r.p99Ms)),
        maxOutboxLagMs: median(runs.map((r) => r.maxOutboxLagMs)),
        rejected: runs.reduce((sum, r) => sum + r.rejected, 0),
        refused: runs.reduce((sum, r) => sum + Object.values(r.refused).reduce((a, b) => a + b, 0), 0),
        rounds: runs.length,
      },
    ]),
  );
  if (values.json)
    console.log(
      JSON.stringify({ orders: ORDERS, concurrency: CONCURRENCY, rounds: ROUNDS, summary, results }, null, 2),
    );
  else console.table(summary);
} finally {
  for (const contender of contenders) {
    await contender.graph.stop();
    await contender.nats?.close();
  }
}
