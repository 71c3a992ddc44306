import { randomBytes } from 'node:crypto';
import { testTokens } from '@freightgraph/platform/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from './client';
import { type RunningGraph, startExtraInstance, startGraph } from './harness';
import { type OtlpReceiver, type ReceivedSpan, startOtlpReceiver } from './otlp-receiver';

// The README's dispatcher dashboard: four subgraphs in one request.
const DASHBOARD = `query Dashboard {
  orders(first: 20, status: SHIPPED) {
    totalCount
    edges { node { number totalCents customer { name email }
      shipments { trackingNumber status vehicle { registration kind }
        events { status occurredAt location { lat lng } } } } }
    pageInfo { hasNextPage endCursor }
  }
}`;
const SUBGRAPHS = ['orders', 'customers', 'shipments', 'vehicles'];

let receiver: OtlpReceiver;
let graph: RunningGraph;
const stops: (() => Promise<void>)[] = [];

beforeAll(async () => {
  receiver = await startOtlpReceiver();
  stops.push(() => receiver.close());
  graph = await startGraph({
    env: {
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_TRACES_SAMPLER: 'parentbased_always_on',
      OTEL_BSP_SCHEDULE_DELAY: '200',
      // The level production keeps: the logs test reads every line the services write at it.
      LOG_LEVEL: 'info',
    },
  });
  stops.push(() => graph.stop());
}, 600_000);
afterAll(async () => {
  for (const stop of stops.reverse()) await stop();
});

/** Sends the dashboard query as a client that starts a trace, and returns that trace's id. */
async function dashboard(gatewayUrl: string): Promise<{ traceId: string; clientSpanId: string }> {
  const traceId = randomBytes(16).toString('hex');
  const clientSpanId = randomBytes(8).toString('hex');
  const tokens = testTokens(graph.layout.dataDir);
  const response = await fetch(gatewayUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: await tokens.bearer('admin'),
      traceparent: `00-${traceId}-${clientSpanId}-01`,
    },
    body: JSON.stringify({ query: DASHBOARD }),
  });
  const body = (await response.json()) as { data?: { orders: { totalCount: number } }; errors?: unknown };
  expect(body.errors).toBeUndefined();
  expect(body.data?.orders.totalCount).toBeGreaterThan(0);
  return { traceId, clientSpanId };
}

/** The spans of one trace once every subgraph's SQL spans have arrived (exports are batched). */
async function trace(traceId: string): Promise<ReceivedSpan[]> {
  return eventually(() => {
    const spans = receiver.spans.filter((span) => span.traceId === traceId);
    for (const name of SUBGRAPHS) {
      expect(spans.some((s) => s.service === name && s.attributes['db.query.text'])).toBe(true);
    }
    return spans;
  }, 30_000);
}

function assertDashboardTree(spans: ReceivedSpan[], clientSpanId: string) {
  const byId = new Map(spans.map((span) => [span.spanId, span]));
  const ancestors = (span: ReceivedSpan): ReceivedSpan[] => {
    const parent = byId.get(span.parentSpanId);
    return parent ? [parent, ...ancestors(parent)] : [];
  };
  // One root: the gateway's server span, a child of the client's span; every other span hangs below it.
  const roots = spans.filter((span) => !byId.has(span.parentSpanId));
  expect(roots.map((root) => [root.service, root.parentSpanId])).toEqual([['gateway', clientSpanId]]);

  // A fetch span per subgraph call of the plan, each subgraph's spans beneath its fetch.
  const fetches = spans.filter((span) => span.service === 'gateway' && span.name === 'gateway.fetch');
  expect(new Set(fetches.map((span) => span.attributes.service))).toEqual(new Set(SUBGRAPHS));
  for (const span of spans.filter((s) => s.service !== 'gateway')) {
    const fetch = ancestors(span).find((a) => a.name === 'gateway.fetch');
    expect(fetch?.attributes.service, `${span.service} ${span.name}`).toBe(span.service);
  }
  // SQL spans under each subgraph's own server span, from the store (embedded or PostgreSQL alike).
  for (const name of SUBGRAPHS) {
    const sql = spans.filter((s) => s.service === name && s.attributes['db.query.text']);
    expect(sql.length).toBeGreaterThan(0);
    for (const statement of sql) {
      expect(statement.name).toBe('SELECT');
      expect(ancestors(statement).some((a) => a.service === name && a.name.startsWith('POST'))).toBe(true);
    }
  }
}

const PLACE_ORDER = `mutation Place($input: PlaceOrderInput!) {
  placeOrder(input: $input) { id customer { name email } }
}`;
const RECORD_EVENT = `mutation Record($input: RecordTrackingEventInput!) {
  recordTrackingEvent(input: $input) { id note }
}`;

async function post(query: string, variables: Record<string, unknown> = {}) {
  const tokens = testTokens(graph.layout.dataDir);
  const response = await fetch(graph.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: await tokens.bearer('admin') },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as {
    data?: {
      customers?: { edges: { node: { id: string; name: string; email: string } }[] };
      shipments?: { edges: { node: { id: string } }[] };
    };
    errors?: { extensions?: { code?: string } }[];
  };
}

describe('tracing', () => {
  it('traces the dashboard query as one tree: gateway, a fetch per subgraph call, the SQL beneath', async () => {
    const { traceId, clientSpanId } = await dashboard(graph.gatewayUrl);
    // Spans arrive in batches as they end (the gateway's server span last): retry until all are in.
    await eventually(async () => assertDashboardTree(await trace(traceId), clientSpanId), 30_000);
    expect(receiver.encodings.get('gateway')).toMatch(/json/);
  }, 120_000);

  it('exports over http/protobuf too, and the trace still joins across services', async () => {
    const protobufLayout = {
      ...graph.layout,
      env: {
        ...graph.layout.env,
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
        OTEL_SERVICE_NAME: 'gateway-b',
      },
    };
    const gateway = await startExtraInstance({ layout: protobufLayout }, 'gateway');
    stops.push(() => gateway.stop());
    const { traceId, clientSpanId } = await dashboard(gateway.url);
    await eventually(async () => {
      const spans = (await trace(traceId)).map((span) =>
        span.service === 'gateway-b' ? { ...span, service: 'gateway' } : span,
      );
      assertDashboardTree(spans, clientSpanId);
    }, 30_000);
    expect(receiver.encodings.get('gateway-b')).toMatch(/protobuf/);
    expect(receiver.encodings.get('orders')).toMatch(/json/);
  }, 120_000);
});

describe('logs', () => {
  it('carry the request and trace ids on every request line, and no personal data at info level', async () => {
    const customers = await post('{ customers(first: 5) { edges { node { id name email } } } }');
    const people = customers.data!.customers!.edges.map((edge) => edge.node);
    const shipments = await post('{ shipments(first: 1, status: IN_TRANSIT) { edges { node { id } } } }');
    const shipmentId = shipments.data!.shipments!.edges[0]!.node.id;
    const address = '221B Baker Street, London NW1 6XE';
    const secrets = [...people.flatMap((p) => [p.name, p.email]), address, 'Ms Private'];

    const placed = await post(PLACE_ORDER, {
      input: {
        customerId: people[0]!.id,
        lines: [
          {
            sku: 'SKU-PII',
            description: `deliver to Ms Private, ${address}`,
            quantity: 1,
            unitPriceCents: 1250,
            unitWeightGrams: 800,
          },
        ],
        // The address travels through the saga's events too: none of it may reach an info line.
        shippingAddress: {
          lines: ['Ms Private', '221B Baker Street'],
          city: 'London',
          postalCode: 'NW1 6XE',
          country: 'GB',
          location: { lat: 51.5238, lng: -0.1586 },
        },
      },
    });
    expect(placed.errors).toBeUndefined();
    const recorded = await post(RECORD_EVENT, {
      input: {
        shipmentId,
        status: 'OUT_FOR_DELIVERY',
        location: { lat: 51.52, lng: -0.16 },
        note: `left at ${address}`,
      },
    });
    expect(recorded.errors).toBeUndefined();
    // Refused input is echoed nowhere either: a note over 500 characters that holds the address.
    const refused = await post(RECORD_EVENT, {
      input: {
        shipmentId,
        status: 'OUT_FOR_DELIVERY',
        location: { lat: 0, lng: 0 },
        note: address.repeat(20),
      },
    });
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

    await eventually(() => {
      const lines = [...graph.processes.values()].flatMap((p) => p.output().split('\n')).filter(Boolean);
      const operations = lines.map((line) => JSON.parse(line)).filter((l) => l.msg === 'graphql operation');
      // The gateway's line and each subgraph's for the same request share its correlation id.
      const mutation = operations.find((l) => l.service === 'gateway' && l.operationName === 'Place');
      expect(mutation?.requestId).toBeTruthy();
      expect(mutation?.traceId).toMatch(/^[0-9a-f]{32}$/);
      const orders = operations.find((l) => l.service === 'orders' && l.requestId === mutation.requestId);
      expect(orders?.traceId).toBe(mutation.traceId);
      for (const line of operations) expect(line.requestId, JSON.stringify(line)).toBeTruthy();
      for (const secret of secrets) {
        expect(
          lines.filter((line) => line.includes(secret)),
          secret,
        ).toEqual([]);
      }
    }, 20_000);
  }, 120_000);
});
