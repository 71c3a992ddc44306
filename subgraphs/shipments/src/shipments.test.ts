import { DEMO, demoVehicleId, openStore, type Store } from '@freightgraph/platform';
import { subgraphTester, testLogger, testViewer } from '@freightgraph/platform/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Context } from './context';
import { demoShipments } from './db/demo-shipments';
import { type Schema, schema } from './db/schema';
import { seed } from './db/seed';
import { migrationsFolder, shipmentsSubgraph } from './server';

let store: Store<Schema>;
let tester: ReturnType<typeof subgraphTester<Context>>;
const demo = demoShipments();

beforeAll(async () => {
  store = await openStore({ schema, logger: testLogger, dataDir: 'memory://', migrationsFolder });
  await seed(store.db);
  tester = subgraphTester(shipmentsSubgraph(store, testLogger, false));
}, 180_000);

afterAll(() => store?.close());

/** Statements a query costs; the batching tests compare this for 5 and 50 parents. */
async function cost(query: string, variables: Record<string, unknown>) {
  const before = store.statements();
  const result = await tester.execute<{ _entities: unknown[] }>(query, variables);
  expect(result.errors).toBeUndefined();
  return { statements: store.statements() - before, entities: result.data?._entities ?? [] };
}

const refs = (typename: string, ids: string[]) => ({
  representations: ids.map((id) => ({ __typename: typename, id })),
});

describe('queries', () => {
  const SHIPMENT = `query ($id: ID!) {
    shipment(id: $id) {
      id trackingNumber status order { id } vehicle { id }
      origin { name location { lat lng } } destination { name location { lat lng } }
      lastLocation { lat lng } events { status location { lat lng } occurredAt note }
      estimatedDeliveryAt createdAt updatedAt
    }
  }`;

  it('returns a shipment with its places, history and references', async () => {
    const { shipment, events } = demo.find((d) => d.shipment.status === 'DELIVERED')!;
    const result = await tester.execute<{ shipment: Record<string, unknown> }>(SHIPMENT, { id: shipment.id });
    expect(result.errors).toBeUndefined();
    expect(result.data?.shipment).toMatchObject({
      id: shipment.id,
      trackingNumber: shipment.trackingNumber,
      status: 'DELIVERED',
      order: { id: shipment.orderId },
      vehicle: { id: shipment.vehicleId },
      origin: { name: shipment.originName, location: { lat: shipment.originLat, lng: shipment.originLng } },
      destination: { name: shipment.destinationName },
      lastLocation: { lat: shipment.destinationLat, lng: shipment.destinationLng },
      createdAt: shipment.createdAt.toISOString(),
    });
    expect(result.data?.shipment.events).toEqual(
      events.map((e) => ({
        status: e.status,
        location: { lat: e.lat, lng: e.lng },
        occurredAt: e.occurredAt.toISOString(),
        note: e.note,
      })),
    );
  });

  it('finds a shipment by tracking number, null for unknown ids and numbers', async () => {
    const { shipment } = demo[3]!;
    const result = await tester.execute<Record<string, { id: string } | null>>(
      `query ($n: String!) {
        found: shipmentByTrackingNumber(trackingNumber: $n) { id }
        missingNumber: shipmentByTrackingNumber(trackingNumber: "FG0000000000x") { id }
        missingId: shipment(id: "00000000-0000-4000-8000-000000000000") { id }
      }`,
      { n: shipment.trackingNumber },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ found: { id: shipment.id }, missingNumber: null, missingId: null });
  });

  it.each([
    ['an empty tracking number', '{ shipmentByTrackingNumber(trackingNumber: "") { id } }', 'trackingNumber'],
    [
      'a tracking number over 64 characters',
      `{ shipmentByTrackingNumber(trackingNumber: "${'9'.repeat(65)}") { id } }`,
      'trackingNumber',
    ],
    ['a malformed id', '{ shipment(id: "1; drop table shipments") { id } }', 'id'],
    ['first below range', '{ shipments(first: 0) { totalCount } }', 'first'],
    ['first above range', '{ shipments(first: 101) { totalCount } }', 'first'],
    ['a malformed cursor', '{ shipments(after: "garbage") { totalCount } }', 'after'],
  ])('rejects %s with BAD_USER_INPUT naming the field', async (_name, query, field) => {
    const result = await tester.execute(query);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });

  type PageData = {
    shipments: {
      totalCount: number;
      edges: { node: { id: string; status: string; createdAt: string } }[];
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
    };
  };
  const PAGE = `query ($after: String, $status: ShipmentStatus) {
    shipments(first: 100, after: $after, status: $status) {
      totalCount edges { node { id status createdAt } } pageInfo { hasNextPage endCursor }
    }
  }`;

  it.each([[null], ['IN_TRANSIT'], ['EXCEPTION']])(
    'pages through shipments (status %s) newest first, without repeats or gaps',
    async (status) => {
      const seen = new Set<string>();
      let after: string | null = null;
      let previous = Number.POSITIVE_INFINITY;
      let total = -1;
      for (let page = 0; page < 100; page++) {
        const result: Awaited<ReturnType<typeof tester.execute<PageData>>> = await tester.execute<PageData>(
          PAGE,
          { after, status },
        );
        const connection = result.data!.shipments;
        total = connection.totalCount;
        for (const { node } of connection.edges) {
          expect(seen.has(node.id)).toBe(false);
          seen.add(node.id);
          if (status) expect(node.status).toBe(status);
          expect(Date.parse(node.createdAt)).toBeLessThanOrEqual(previous);
          previous = Date.parse(node.createdAt);
        }
        if (!connection.pageInfo.hasNextPage) break;
        after = connection.pageInfo.endCursor;
      }
      const expected = demo.filter((d) => !status || d.shipment.status === status).length;
      expect(total).toBe(expected);
      expect(seen.size).toBe(expected);
    },
  );
});

describe('federation and batching', () => {
  const SHIPMENTS = `query ($representations: [_Any!]!) {
    _entities(representations: $representations) { ... on Shipment { id status } }
  }`;

  it('resolves shipment references in one statement, null for unknown and malformed ids', async () => {
    const ids = [
      demo[0]!.shipment.id,
      demo[9]!.shipment.id.toUpperCase(),
      '00000000-0000-4000-8000-000000000000',
      'not-a-uuid',
      demo[0]!.shipment.id,
    ];
    const { statements, entities } = await cost(SHIPMENTS, refs('Shipment', ids));
    expect(statements).toBe(1);
    expect(entities.map((e) => (e as { id: string } | null)?.id ?? null)).toEqual([
      demo[0]!.shipment.id,
      demo[9]!.shipment.id,
      null,
      null,
      demo[0]!.shipment.id,
    ]);
  });

  const orderIds = [...new Set(demo.map((d) => d.shipment.orderId))];
  const vehicleIds = Array.from({ length: DEMO.vehicles }, (_, k) => demoVehicleId(k));
  const shipmentIds = demo.map((d) => d.shipment.id);

  it.each([
    [
      'Order.shipments',
      'Order',
      orderIds,
      `query ($representations: [_Any!]!) {
        _entities(representations: $representations) { ... on Order { id shipments { id status } } }
      }`,
      1,
    ],
    [
      'Vehicle.shipments',
      'Vehicle',
      vehicleIds,
      `query ($representations: [_Any!]!) {
        _entities(representations: $representations) { ... on Vehicle { id shipments { id vehicle { id } } } }
      }`,
      1,
    ],
    [
      'Shipment.events (and TrackingEvent.shipment)',
      'Shipment',
      shipmentIds,
      `query ($representations: [_Any!]!) {
        _entities(representations: $representations) {
          ... on Shipment { id events { status shipment { id } } }
        }
      }`,
      2,
    ],
    [
      'Shipment.latestEvent',
      'Shipment',
      shipmentIds,
      `query ($representations: [_Any!]!) {
        _entities(representations: $representations) { ... on Shipment { id latestEvent { status } } }
      }`,
      2,
    ],
  ])('%s costs the same statements for 5 and 50 parents', async (_name, typename, ids, query, expected) => {
    const five = await cost(query, refs(typename, ids.slice(0, 5)));
    const fifty = await cost(query, refs(typename, ids.slice(0, 50)));
    expect(five.statements).toBe(expected);
    expect(fifty.statements).toBe(expected);
    expect(fifty.entities).toHaveLength(50);
  });

  it('answers Order.shipments and Vehicle.shipments from the right rows, [] for unknown keys', async () => {
    // Demo shipments are built order by order, so a two-part order is two neighbours.
    const first = demo.find((d, n) => demo[n + 1]?.shipment.orderId === d.shipment.orderId)!;
    const orderId = first.shipment.orderId;
    const forOrder = demo.filter((d) => d.shipment.orderId === orderId);
    const vehicleId = demoVehicleId(7);
    const result = await tester.execute<{
      _entities: { id: string; shipments: { id: string; createdAt: string }[] }[];
    }>(
      `query ($representations: [_Any!]!) {
        _entities(representations: $representations) {
          ... on Order { id shipments { id createdAt } }
          ... on Vehicle { id shipments { id createdAt } }
        }
      }`,
      {
        representations: [
          { __typename: 'Order', id: orderId },
          { __typename: 'Vehicle', id: vehicleId },
          { __typename: 'Order', id: 'not-a-uuid' },
          { __typename: 'Vehicle', id: '00000000-0000-4000-8000-000000000000' },
        ],
      },
    );
    expect(result.errors).toBeUndefined();
    const [order, vehicle, badOrder, unknownVehicle] = result.data!._entities;
    expect(order!.shipments.map((s) => s.id)).toEqual(forOrder.map((d) => d.shipment.id));
    const forVehicle = demo
      .filter((d) => d.shipment.vehicleId === vehicleId)
      .sort((a, b) => b.shipment.createdAt.getTime() - a.shipment.createdAt.getTime());
    expect(vehicle!.shipments.map((s) => s.id)).toEqual(forVehicle.map((d) => d.shipment.id));
    expect(badOrder!.shipments).toEqual([]);
    expect(unknownVehicle!.shipments).toEqual([]);
  });

  it('answers Shipment.latestEvent with the newest event of each shipment, null for unknown ids', async () => {
    const sample = demo.slice(0, 30);
    const result = await tester.execute<{
      _entities: { latestEvent: { status: string; occurredAt: string } | null }[];
    }>(
      `query ($representations: [_Any!]!) {
        _entities(representations: $representations) { ... on Shipment { latestEvent { status occurredAt } } }
      }`,
      refs('Shipment', [...sample.map((d) => d.shipment.id), '00000000-0000-4000-8000-000000000000']),
    );
    expect(result.errors).toBeUndefined();
    const expected = sample.map(({ events }) => {
      const latest = events.reduce((a, b) => (b.occurredAt >= a.occurredAt ? b : a));
      return { latestEvent: { status: latest.status, occurredAt: latest.occurredAt.toISOString() } };
    });
    expect(result.data!._entities).toEqual([...expected, null]);
  });
});

describe('row-level rules (the viewer from the internal token)', () => {
  const demo = demoShipments();
  const LIST = '{ shipments(first: 100) { totalCount edges { node { id } } } }';

  it("gives a customer their orders' shipments only, and null for anyone else's", async () => {
    const mine = demo.find((d) => d.shipment.customerId)!.shipment;
    const theirs = demo.find((d) => d.shipment.customerId !== mine.customerId)!.shipment;
    const customer = testViewer('customer', { customerId: mine.customerId! });
    const own = new Set(
      demo.filter((d) => d.shipment.customerId === mine.customerId).map((d) => d.shipment.id),
    );
    const list = await tester.execute<{
      shipments: { totalCount: number; edges: { node: { id: string } }[] };
    }>(LIST, {}, customer);
    expect(list.data?.shipments.totalCount).toBe(own.size);
    expect(list.data?.shipments.edges.every((e) => own.has(e.node.id))).toBe(true);
    const other = await tester.execute<{ shipment: unknown }>(
      `{ shipment(id: "${theirs.id}") { id } }`,
      {},
      customer,
    );
    expect(other).toEqual({ data: { shipment: null } });
  });

  it("refuses a driver's tracking event for a shipment on another vehicle, and writes nothing", async () => {
    const foreign = demo.find(
      (d) => d.shipment.status === 'IN_TRANSIT' && d.shipment.vehicleId !== demoVehicleId(0),
    )!;
    const result = await tester.execute(
      `mutation ($id: ID!) { recordTrackingEvent(input: { shipmentId: $id, status: IN_TRANSIT, location: { lat: 1, lng: 1 } }) { id } }`,
      { id: foreign.shipment.id },
      testViewer('driver', { vehicleId: demoVehicleId(0) }),
    );
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const events = await tester.execute<{ shipment: { events: unknown[] } }>(
      `{ shipment(id: "${foreign.shipment.id}") { events { id } } }`,
    );
    expect(events.data?.shipment.events).toHaveLength(foreign.events.length);
  });
});
