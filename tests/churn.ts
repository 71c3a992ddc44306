/**
 * Subscription churn against a running graph: many clients subscribe to the federated `trackingUpdates`,
 * receive one event, and go away. Shared by the churn test and `npm run bench:churn`.
 */
import { subscribe, type TestSubscription, testTokens, wsClient } from '@freightgraph/platform/testing';
import { metric } from './client';

const TRACK = `subscription Track($shipmentId: ID!) {
  trackingUpdates(shipmentId: $shipmentId) {
    status note occurredAt
    shipment { id trackingNumber order { id customer { name } } vehicle { registration } }
  }
}`;
const MOVE = `mutation Move($input: RecordTrackingEventInput!) { recordTrackingEvent(input: $input) { id } }`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `read()` returns `expected`; the error says what it was instead. */
async function until(read: () => Promise<number>, expected: number, what: string, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  for (let value = await read(); value !== expected; value = await read()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${value}, not ${expected}`);
    await sleep(200);
  }
}

export interface ChurnTarget {
  gatewayUrl: string;
  shipmentsUrl: string;
  /** Where the graph's development keys are. */
  dataDir: string;
}

export async function churner(graph: ChurnTarget, shipments = 10) {
  const tokens = testTokens(graph.dataDir);
  const admin = await tokens.bearer('admin');
  // The internal token, so the gauges can be read wherever /metrics asks for it.
  const gauge = async (url: string, name: string) => metric(url, name, await tokens.internal('admin'));
  const post = async (query: string, variables: Record<string, unknown> = {}) => {
    const response = await fetch(graph.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: admin },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
  };
  const listed = await post(
    `{ shipments(first: ${shipments}, status: IN_TRANSIT) { edges { node { id } } } }`,
  );
  const ids = (listed.data!.shipments as { edges: { node: { id: string } }[] }).edges.map((e) => e.node.id);
  let events = 0;
  const { shipmentsUrl } = graph;

  /** Opens `n` connections with one subscription each, delivers one event to all, then closes them. */
  return async function round(n: number): Promise<void> {
    const clients = Array.from({ length: n }, () => wsClient(graph.gatewayUrl, { authorization: admin }));
    const streams: TestSubscription<unknown>[] = clients.map((client, i) =>
      subscribe(client, { query: TRACK, variables: { shipmentId: ids[i % ids.length] } }),
    );
    // A client whose socket failed never counts; say so instead of waiting for it.
    let failed = 0;
    for (const stream of streams) void stream.ended.then(({ error }) => void (error && failed++));
    const subscribed = async () => {
      if (failed) throw new Error(`${failed} of ${n} subscriptions failed`);
      return gauge(graph.gatewayUrl, 'freightgraph_gateway_subscriptions');
    };
    try {
      await until(subscribed, n, 'subscriptions');
      await until(() => gauge(shipmentsUrl, 'freightgraph_pubsub_subscribers'), ids.length, 'upstream');
      for (const shipmentId of ids) {
        const result = await post(MOVE, {
          input: {
            shipmentId,
            status: 'IN_TRANSIT',
            location: { lat: 50, lng: 8 },
            note: `churn ${events++}`,
          },
        });
        if (result.errors) throw new Error(JSON.stringify(result.errors));
      }
      await Promise.all(streams.map((stream) => stream.next(120_000)));
    } finally {
      await Promise.all(clients.map((client) => client.dispose()));
    }
    await until(() => gauge(graph.gatewayUrl, 'freightgraph_gateway_subscriptions'), 0, 'subscriptions');
    await until(() => gauge(shipmentsUrl, 'freightgraph_pubsub_subscribers'), 0, 'upstream');
  };
}
