/**
 * `npm run bench:subscriptions [-- --shape shared|distinct --subscribers 1000 --events 50 --shipments 10 --failover
 *   --connect-concurrency 50 --upstream-connections 4 --profile DIR]`
 *
 * Boots the graph as the end-to-end tests do (real processes, free ports, throwaway data), opens N
 * graphql-ws connections to one gateway from this process (the load generator; the gateway and the
 * subgraphs are processes of their own), each subscribed to the federated `trackingUpdates`, and
 * records M events. Shapes:
 * - `shared`: every subscriber is the admin, spread over S shipments: N/S identical subscriptions each;
 * - `distinct`: every subscriber is a different customer viewer (own token, own subject) following a
 *   shipment of its customer: nothing can be shared.
 * Subscribers connect `--connect-concurrency` at a time (each waits for its `connection_ack`), so 10,000
 * sockets do not all arrive in the same instant; `--upstream-connections` sets the gateway's
 * SUBSCRIPTION_UPSTREAM_CONNECTIONS (its pool of sockets per subgraph, shared by every viewer).
 * With `--failover` the shipments subgraph is killed (SIGKILL) and restarted halfway through.
 * Reports delivery latency from the event's commit (its `occurredAt`, stamped inside the committing
 * transaction) to receipt, gateway RSS per idle connection, plan executions per event, upstream
 * connections, and (failover) the longest gap a subscriber saw and lost/duplicated events. Not a test:
 * it prints figures for docs/BENCHMARKS.md.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { testTokens, wsClient } from '@freightgraph/platform/testing';
import type { Client } from 'graphql-ws';
import { metric } from '../../tests/client';
import { startGraph } from '../../tests/harness';

const { values } = parseArgs({
  options: {
    shape: { type: 'string', default: 'shared' },
    subscribers: { type: 'string', default: '1000' },
    events: { type: 'string', default: '50' },
    shipments: { type: 'string', default: '10' },
    'gap-ms': { type: 'string', default: '100' },
    failover: { type: 'boolean', default: false },
    'connect-concurrency': { type: 'string', default: '50' },
    'upstream-connections': { type: 'string' },
    /** A directory for every service's `--cpu-prof` profile (summarise with `npm run profile:summary -w bench -- DIR`). */
    profile: { type: 'string' },
  },
});
const SHAPE = values.shape;
if (SHAPE !== 'shared' && SHAPE !== 'distinct') throw new Error('--shape is shared or distinct');
const N = Number(values.subscribers);
const M = Number(values.events);
const S = Number(values.shipments);
const GAP_MS = Number(values['gap-ms']);
const CONNECT_CONCURRENCY = Math.max(1, Number(values['connect-concurrency']));

// A customer may not read vehicles (no vehicles:read): the distinct viewers leave the vehicle out.
const TRACK = `subscription Track($shipmentId: ID!, $after: String) {
  trackingUpdates(shipmentId: $shipmentId, after: $after) {
    id cursor status note occurredAt location { lat lng }
    shipment { id trackingNumber order { id customer { name } } ${SHAPE === 'shared' ? 'vehicle { registration }' : ''} }
  }
}`;
const MOVE = `mutation Move($input: RecordTrackingEventInput!) { recordTrackingEvent(input: $input) { id } }`;
const HISTORY = `query History($id: ID!) { shipment(id: $id) { events { id cursor } latestEvent { cursor } } }`;
const MOVING = `query Moving($after: String) {
  shipments(first: 100, after: $after, status: IN_TRANSIT) {
    edges { node { id order { customer { id } } } } pageInfo { hasNextPage endCursor }
  }
}`;

type Event = { trackingUpdates: { id: string; occurredAt: string } };
interface Subscriber {
  shipmentId: string;
  received: string[];
  at: number[];
  errors: unknown[];
}

const rssKb = (pid: number) =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function post(url: string, query: string, variables: Record<string, unknown>, authorization: string) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
}

async function until(
  check: () => Promise<boolean>,
  what: string,
  timeoutMs = 300_000,
  progress?: () => Promise<unknown>,
) {
  const deadline = Date.now() + timeoutMs;
  let reported = Date.now();
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    if (progress && Date.now() - reported > 10_000) {
      reported = Date.now();
      console.error(`waiting for ${what}:`, JSON.stringify(await progress().catch(String)));
    }
    await sleep(250);
  }
}

const graph = await startGraph({
  env: {
    SUBSCRIPTION_FAILOVER_WINDOW_MS: '300000',
    ...(values['upstream-connections']
      ? { SUBSCRIPTION_UPSTREAM_CONNECTIONS: values['upstream-connections'] }
      : {}),
  },
  ...(values.profile
    ? {
        nodeArgs: (name: string) => [
          '--cpu-prof',
          `--cpu-prof-dir=${values.profile}`,
          `--cpu-prof-name=${name}.cpuprofile`,
        ],
      }
    : {}),
});
// Authenticated like any client (the graph's dev keys); every /metrics needs the internal token.
const tokens = testTokens(graph.layout.dataDir);
const admin = await tokens.bearer('admin');
const gatewayMetric = async (name: string) => metric(graph.gatewayUrl, name, await tokens.internal('admin'));
const shipmentsMetric = async (name: string) =>
  metric(graph.subgraphUrls.shipments, name, await tokens.internal('admin'));
try {
  const gatewayPid = graph.processes.get('gateway')!.child.pid!;
  // Shipments in transit with their customer, S of them (distinct: as many as there are, up to N).
  const moving: { id: string; customerId: string }[] = [];
  for (let after: string | null = null; ; ) {
    const page = (await post(graph.gatewayUrl, MOVING, { after }, admin)).data!.shipments as {
      edges: { node: { id: string; order: { customer: { id: string } } } }[];
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
    };
    moving.push(...page.edges.map((e) => ({ id: e.node.id, customerId: e.node.order.customer.id })));
    if (!page.pageInfo.hasNextPage || moving.length >= (SHAPE === 'shared' ? S : N)) break;
    after = page.pageInfo.endCursor;
  }
  const ids = moving.slice(0, SHAPE === 'shared' ? S : N);
  const start = new Map<string, string | null>();
  for (const { id } of ids) {
    const shipment = (await post(graph.gatewayUrl, HISTORY, { id }, admin)).data!.shipment as {
      latestEvent: { cursor: string } | null;
    };
    start.set(id, shipment.latestEvent?.cursor ?? null);
  }

  const idleRss = rssKb(gatewayPid);
  const subscribers: Subscriber[] = [];
  const clients: Client[] = [];
  const latencies: number[] = [];
  const connectStarted = Date.now();
  const connect = async (i: number) => {
    const shipment = ids[i % ids.length]!;
    const authorization =
      SHAPE === 'shared'
        ? admin
        : await tokens.bearer('customer', { sub: `bench-viewer-${i}`, customerId: shipment.customerId });
    const client = wsClient(graph.gatewayUrl, { authorization });
    const subscriber: Subscriber = { shipmentId: shipment.id, received: [], at: [], errors: [] };
    const acknowledged = new Promise<void>((resolve) => {
      client.on('connected', () => resolve());
      client.on('closed', () => resolve());
    });
    client.subscribe<Event>(
      { query: TRACK, variables: { shipmentId: shipment.id, after: start.get(shipment.id) } },
      {
        next: (result) => {
          const now = Date.now();
          if (result.errors) subscriber.errors.push(...result.errors);
          const event = result.data?.trackingUpdates;
          if (!event) return;
          subscriber.received.push(event.id);
          subscriber.at.push(now);
          latencies.push(now - Date.parse(event.occurredAt));
        },
        error: (error) => subscriber.errors.push(error),
        complete: () => undefined,
      },
    );
    clients.push(client);
    subscribers.push(subscriber);
    await acknowledged;
  };
  // A few connection set-ups in flight at a time, as clients arriving over seconds rather than at once.
  let nextSubscriber = 0;
  await Promise.all(
    Array.from({ length: Math.min(CONNECT_CONCURRENCY, N) }, async () => {
      while (nextSubscriber < N) {
        const i = nextSubscriber++;
        await connect(i);
        if (i % 1000 === 999)
          console.error(`${i + 1} connected after ${(Date.now() - connectStarted) / 1000} s`);
      }
    }),
  );
  console.error(`${N} connected in ${(Date.now() - connectStarted) / 1000} s`);
  const progress = async () => ({
    gateway: await gatewayMetric('freightgraph_gateway_subscriptions'),
    upstream: await shipmentsMetric('freightgraph_pubsub_subscribers'),
    errors: subscribers.reduce((sum, s) => sum + s.errors.length, 0),
    firstError: subscribers.find((s) => s.errors.length)?.errors[0],
  });
  await until(
    async () => (await gatewayMetric('freightgraph_gateway_subscriptions')) === N,
    `${N} subscriptions`,
    300_000,
    progress,
  );
  const streams = SHAPE === 'shared' ? ids.length : N;
  await until(
    async () => (await shipmentsMetric('freightgraph_pubsub_subscribers')) === streams,
    'upstream',
    300_000,
    progress,
  );
  const connectSeconds = (Date.now() - connectStarted) / 1000;
  await sleep(2_000);
  const subscribedRss = rssKb(gatewayPid);
  const upstreamConnections = await gatewayMetric('freightgraph_gateway_upstream_connections');
  const connectionsAtSubgraph = await shipmentsMetric('freightgraph_ws_connections');
  const executionsBefore = await gatewayMetric('freightgraph_gateway_subscription_events_total');

  // The writer: one event every GAP_MS, round-robin over the shipments; retried while shipments is away.
  const started = Date.now();
  let restart: { killedAt: number; backAt: number } | undefined;
  for (let n = 0; n < M; n++) {
    if (values.failover && n === Math.floor(M / 2)) {
      const killedAt = Date.now();
      await graph.processes.get('shipments')!.kill();
      await graph.restart('shipments');
      restart = { killedAt, backAt: Date.now() };
    }
    const input = {
      shipmentId: ids[n % ids.length]!.id,
      status: 'IN_TRANSIT',
      location: { lat: 50, lng: 8 },
      note: `bench ${n}`,
    };
    for (;;) {
      const result = await post(graph.gatewayUrl, MOVE, { input }, admin).catch(() => undefined);
      if (result && !result.errors) break;
      await sleep(200);
    }
    await sleep(GAP_MS);
  }
  // What each subscriber should have: its shipment's committed history after its starting cursor.
  const expected = new Map<string, string[]>();
  for (const { id } of ids) {
    const { events } = (await post(graph.gatewayUrl, HISTORY, { id }, admin)).data!.shipment as {
      events: { id: string; cursor: string }[];
    };
    const from = events.findIndex((e) => e.cursor === start.get(id));
    expected.set(
      id,
      events.slice(from + 1).map((e) => e.id),
    );
  }
  const total = subscribers.reduce((sum, s) => sum + expected.get(s.shipmentId)!.length, 0);
  await until(
    async () => subscribers.reduce((sum, s) => sum + s.received.length, 0) >= total,
    `${total} deliveries`,
    120_000,
  ).catch((error: unknown) => console.error(String(error)));
  await sleep(1_000);
  const seconds = (Date.now() - started) / 1000;

  let lost = 0;
  let duplicated = 0;
  let outOfOrder = 0;
  let errors = 0;
  let longestGapMs = 0;
  for (const s of subscribers) {
    const want = expected.get(s.shipmentId)!;
    const got = new Set(s.received);
    lost += want.filter((id) => !got.has(id)).length;
    duplicated += s.received.length - got.size;
    if (s.received.join() !== want.join() && got.size === want.length) outOfOrder++;
    errors += s.errors.length;
    for (let k = 1; k < s.at.length; k++) longestGapMs = Math.max(longestGapMs, s.at[k]! - s.at[k - 1]!);
  }
  const sorted = latencies.sort((a, b) => a - b);
  const executions =
    (await gatewayMetric('freightgraph_gateway_subscription_events_total')) - executionsBefore;
  const figures = {
    shape: SHAPE,
    subscribers: N,
    events: M,
    shipments: ids.length,
    deliveries: latencies.length,
    subscribeAllSeconds: Math.round(connectSeconds * 10) / 10,
    connectConcurrency: CONNECT_CONCURRENCY,
    latencyMs: { p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1) },
    deliveriesPerSecond: Math.round(latencies.length / seconds),
    gatewayRssMb: { idle: Math.round(idleRss / 1024), subscribed: Math.round(subscribedRss / 1024) },
    gatewayKbPerIdleConnection: Math.round((subscribedRss - idleRss) / N),
    executionsPerEvent: Math.round((executions / M) * 10) / 10,
    upstream: {
      gatewayUpstreamConnections: upstreamConnections,
      connectionsAtSubgraph,
      subscriptionsAtSubgraph: streams,
    },
    ...(restart
      ? {
          failover: {
            shipmentsDownMs: restart.backAt - restart.killedAt,
            longestGapMs,
            lost,
            duplicated,
            outOfOrder,
            errors,
            firstError: subscribers.find((s) => s.errors.length)?.errors[0],
            resubscribes: await gatewayMetric('freightgraph_gateway_subscription_resubscribes_total').catch(
              () => NaN,
            ),
          },
        }
      : {
          lost,
          duplicated,
          outOfOrder,
          errors,
          firstError: subscribers.find((s) => s.errors.length)?.errors[0],
        }),
    loadAverage: readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' '),
  };
  console.log(JSON.stringify(figures, null, 2));
  await Promise.all(clients.map((client) => client.dispose()));
} finally {
  await graph.stop();
}
