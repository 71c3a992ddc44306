/**
 * `npm run bench:subscriptions [-- --subscribers 1000 --events 50 --shipments 10]`
 *
 * Boots the graph as the end-to-end tests do (real processes, free ports, throwaway data), opens N
 * graphql-ws connections to one gateway, each subscribed to the federated `trackingUpdates`
 * over S shipments (N/S identical subscribers per shipment), records M events and reports: delivery
 * latency from the event's commit (its `occurredAt`, stamped inside the committing transaction) to
 * receipt, gateway RSS per connection, and the upstream connections and subscriptions the subgraph
 * holds. Not a test: it prints figures for docs/BENCHMARKS.md.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { subscribe, type TestSubscription, testTokens, wsClient } from '@freightgraph/platform/testing';
import { metric } from '../../tests/client';
import { startGraph } from '../../tests/harness';

const { values } = parseArgs({
  options: {
    subscribers: { type: 'string', default: '1000' },
    events: { type: 'string', default: '50' },
    shipments: { type: 'string', default: '10' },
    'gap-ms': { type: 'string', default: '100' },
  },
});
const N = Number(values.subscribers);
const M = Number(values.events);
const S = Number(values.shipments);
const GAP_MS = Number(values['gap-ms']);

const TRACK = `subscription Track($shipmentId: ID!) {
  trackingUpdates(shipmentId: $shipmentId) {
    status note occurredAt location { lat lng }
    shipment { id trackingNumber order { id customer { name } } vehicle { registration } }
  }
}`;
const MOVE = `mutation Move($input: RecordTrackingEventInput!) { recordTrackingEvent(input: $input) { id } }`;

type Event = { trackingUpdates: { occurredAt: string; note: string } };

const rssKb = (pid: number) =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function post(url: string, query: string, variables: Record<string, unknown>) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: admin },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
}

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

const graph = await startGraph();
// Authenticated like any client (the graph's dev keys); every /metrics needs the internal token.
const tokens = testTokens(graph.layout.dataDir);
const admin = await tokens.bearer('admin');
const subgraphMetric = async (url: string, name: string) => metric(url, name, await tokens.internal('admin'));
try {
  const gatewayPid = graph.processes.get('gateway')!.child.pid!;
  const shipmentsUrl = graph.subgraphUrls.shipments;
  const listed = await post(
    graph.gatewayUrl,
    '{ shipments(first: 100, status: IN_TRANSIT) { edges { node { id } } } }',
    {},
  );
  const ids = (listed.data!.shipments as { edges: { node: { id: string } }[] }).edges
    .map((e) => e.node.id)
    .slice(0, S);

  const idleRss = rssKb(gatewayPid);
  const clients = Array.from({ length: N }, () => wsClient(graph.gatewayUrl, { authorization: admin }));
  const streams: TestSubscription<Event>[] = clients.map((client, i) =>
    subscribe<Event>(client, { query: TRACK, variables: { shipmentId: ids[i % ids.length] } }),
  );
  await until(
    async () => (await subgraphMetric(graph.gatewayUrl, 'freightgraph_gateway_subscriptions')) === N,
    `${N} subscriptions`,
  );
  await until(
    async () => (await subgraphMetric(shipmentsUrl, 'freightgraph_pubsub_subscribers')) === ids.length,
    'upstream',
  );
  await sleep(1_000);
  const subscribedRss = rssKb(gatewayPid);

  // Every client records when each of its events arrives.
  const latencies: number[] = [];
  const expected = (k: number) => Math.floor(M / ids.length) + (k < M % ids.length ? 1 : 0);
  const readers = streams.map(async (stream, i) => {
    for (let received = 0; received < expected(i % ids.length); received++) {
      const result = await stream.next(120_000);
      latencies.push(Date.now() - Date.parse(result.data!.trackingUpdates.occurredAt));
    }
  });
  const started = Date.now();
  for (let n = 0; n < M; n++) {
    const result = await post(graph.gatewayUrl, MOVE, {
      input: {
        shipmentId: ids[n % ids.length],
        status: 'IN_TRANSIT',
        location: { lat: 50, lng: 8 },
        note: `bench ${n}`,
      },
    });
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    await sleep(GAP_MS);
  }
  await Promise.all(readers);
  const seconds = (Date.now() - started) / 1000;

  const sorted = latencies.sort((a, b) => a - b);
  const figures = {
    subscribers: N,
    events: M,
    shipments: ids.length,
    deliveries: latencies.length,
    latencyMs: { p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1) },
    deliveriesPerSecond: Math.round(latencies.length / seconds),
    gatewayRssMb: { idle: Math.round(idleRss / 1024), subscribed: Math.round(subscribedRss / 1024) },
    gatewayKbPerConnection: Math.round((subscribedRss - idleRss) / N),
    upstream: {
      connectionsAtSubgraph: await subgraphMetric(shipmentsUrl, 'freightgraph_ws_connections'),
      subscriptionsAtSubgraph: await subgraphMetric(shipmentsUrl, 'freightgraph_subscriptions_active'),
      gatewayUpstreamConnections: await subgraphMetric(
        graph.gatewayUrl,
        'freightgraph_gateway_upstream_connections',
      ),
      eventExecutions: await subgraphMetric(
        graph.gatewayUrl,
        'freightgraph_gateway_subscription_events_total',
      ),
    },
  };
  console.log(JSON.stringify(figures, null, 2));
  await Promise.all(clients.map((client) => client.dispose()));
} finally {
  await graph.stop();
}
