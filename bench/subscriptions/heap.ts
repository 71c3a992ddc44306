/**
 * `npx tsx bench/subscriptions/heap.ts [--shape shared|distinct] [--subscribers 1000] [--shipments 10] [--dir /tmp/fg-heap]`
 *
 * Where the gateway's memory per client connection goes: boots the graph (tests/harness), takes a heap
 * snapshot of the gateway (SIGUSR2 with --heapsnapshot-signal) before any client, opens N
 * `trackingUpdates` subscriptions, takes a second one, and prints the difference in shallow size per
 * constructor, per connection, with the RSS and heap deltas. Shapes as in `run.ts`: `shared`, the admin
 * over S shipments; `distinct`, every subscriber a customer viewer of its own (own token and subject)
 * following a shipment of its customer. Not a test: it prints figures for docs/benchmarks/.
 */
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { testTokens, wsClient } from '@freightgraph/platform/testing';
import type { Client } from 'graphql-ws';
import { metric } from '../../tests/client';
import { startGraph } from '../../tests/harness';

const { values } = parseArgs({
  options: {
    shape: { type: 'string', default: 'shared' },
    subscribers: { type: 'string', default: '1000' },
    shipments: { type: 'string', default: '10' },
    dir: { type: 'string', default: '/tmp/fg-heap' },
  },
});
const SHAPE = values.shape;
if (SHAPE !== 'shared' && SHAPE !== 'distinct') throw new Error('--shape is shared or distinct');
const N = Number(values.subscribers);
const S = Number(values.shipments);
const DIR = `${values.dir}/${process.pid}`;
mkdirSync(DIR, { recursive: true });

const TRACK = `subscription Track($shipmentId: ID!, $after: String) {
  trackingUpdates(shipmentId: $shipmentId, after: $after) {
    id cursor status note occurredAt location { lat lng }
    shipment { id trackingNumber order { id customer { name } } ${SHAPE === 'shared' ? 'vehicle { registration }' : ''} }
  }
}`;
// A customer may not read vehicles: the distinct viewers leave the vehicle out (as run.ts does).
const MOVING = `query { shipments(first: ${SHAPE === 'shared' ? S : 100}, status: IN_TRANSIT) {
  edges { node { id order { customer { id } } } } } }`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const rssKb = (pid: number) =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);

interface Totals {
  byName: Map<string, { count: number; size: number }>;
  total: number;
}

/** Sums self sizes per (node type, constructor name) of a .heapsnapshot. */
function summarise(file: string): Totals {
  const snapshot = JSON.parse(readFileSync(file, 'utf8'));
  const fields: string[] = snapshot.snapshot.meta.node_fields;
  const types: string[] = snapshot.snapshot.meta.node_types[0];
  const width = fields.length;
  const [typeAt, nameAt, sizeAt] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f));
  const nodes: number[] = snapshot.nodes;
  const strings: string[] = snapshot.strings;
  const byName = new Map<string, { count: number; size: number }>();
  let total = 0;
  for (let i = 0; i < nodes.length; i += width) {
    const type = types[nodes[i + typeAt!]!]!;
    const raw =
      type === 'object' || type === 'closure' || type === 'native' ? strings[nodes[i + nameAt!]!]! : '';
    const key = `${type}:${raw.slice(0, 60)}`;
    const size = nodes[i + sizeAt!]!;
    const entry = byName.get(key) ?? { count: 0, size: 0 };
    entry.count++;
    entry.size += size;
    byName.set(key, entry);
    total += size;
  }
  return { byName, total };
}

async function snapshot(pid: number, label: string): Promise<string> {
  const before = new Set(readdirSync(DIR));
  process.kill(pid, 'SIGUSR2');
  for (;;) {
    await sleep(1_000);
    const fresh = readdirSync(DIR).filter((f) => !before.has(f) && f.endsWith('.heapsnapshot'));
    // Written in one go; wait until its size settles.
    if (fresh.length) {
      const file = join(DIR, fresh[0]!);
      let size = -1;
      for (;;) {
        const now = readFileSync(file).length;
        if (now === size && now > 0) break;
        size = now;
        await sleep(1_000);
      }
      console.error(`${label}: ${file}`);
      return file;
    }
  }
}

const graph = await startGraph({
  env: { NODE_OPTIONS: `--heapsnapshot-signal=SIGUSR2 --diagnostic-dir=${DIR}` },
});
const tokens = testTokens(graph.layout.dataDir);
const admin = await tokens.bearer('admin');
const clients: Client[] = [];
try {
  const pid = graph.processes.get('gateway')!.child.pid!;
  const response = await fetch(graph.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: admin },
    body: JSON.stringify({ query: MOVING }),
  });
  const moving = (
    (await response.json()) as {
      data: { shipments: { edges: { node: { id: string; order: { customer: { id: string } } } }[] } };
    }
  ).data.shipments.edges.map((e) => ({ id: e.node.id, customerId: e.node.order.customer.id }));
  const ids = SHAPE === 'shared' ? moving.map((m) => m.id) : [moving[0]!.id];
  // One warm-up subscription per shipment (distinct: one viewer), so the shared streams, the parsed
  // document and the plan exist in both snapshots.
  const open = async (i: number, warmUp = false) => {
    const shipment = SHAPE === 'shared' || warmUp ? moving[i % ids.length]! : moving[i % moving.length]!;
    const authorization =
      SHAPE === 'shared'
        ? admin
        : await tokens.bearer('customer', {
            sub: `heap-viewer-${warmUp ? 'warm' : i}`,
            customerId: shipment.customerId,
          });
    const client = wsClient(graph.gatewayUrl, { authorization });
    client.subscribe(
      { query: TRACK, variables: { shipmentId: shipment.id, after: null } },
      { next: () => undefined, error: (error) => console.error(error), complete: () => undefined },
    );
    clients.push(client);
  };
  for (let i = 0; i < ids.length; i++) await open(i, true);
  const subscribed = async (n: number) => {
    const internal = await tokens.internal('admin');
    while ((await metric(graph.gatewayUrl, 'freightgraph_gateway_subscriptions', internal)) !== n)
      await sleep(250);
    await sleep(2_000);
  };
  await subscribed(ids.length);
  const rssBefore = rssKb(pid);
  const first = summarise(await snapshot(pid, 'before'));
  for (let i = 0; i < N; i++) await open(i);
  await subscribed(ids.length + N);
  const rssAfter = rssKb(pid);
  const second = summarise(await snapshot(pid, 'after'));
  const rows = [...second.byName.entries()]
    .map(([key, { count, size }]) => {
      const was = first.byName.get(key) ?? { count: 0, size: 0 };
      return { key, count: (count - was.count) / N, bytes: (size - was.size) / N };
    })
    .filter((row) => Math.abs(row.bytes) >= 16)
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, 40);
  console.log(
    JSON.stringify(
      {
        shape: SHAPE,
        subscribers: N,
        rssKbPerConnection: Math.round(((rssAfter - rssBefore) / N) * 10) / 10,
        heapBytesPerConnection: Math.round((second.total - first.total) / N),
        loadAverage: readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' '),
      },
      null,
      2,
    ),
  );
  console.log('per connection: objects, bytes (shallow), type:constructor');
  for (const row of rows)
    console.log(`${row.count.toFixed(2).padStart(8)} ${row.bytes.toFixed(0).padStart(7)}  ${row.key}`);
} finally {
  await Promise.all(clients.map((client) => client.dispose()));
  await graph.stop();
}
