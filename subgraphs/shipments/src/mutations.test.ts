import { demoVehicleId, openStore, type Store } from '@freightgraph/platform';
import { subgraphTester, testLogger } from '@freightgraph/platform/testing';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Context } from './context';
import { demoShipments } from './db/demo-shipments';
import { type Schema, schema, shipments, trackingEvents } from './db/schema';
import { seed } from './db/seed';
import type { ShipmentStatus } from './domain/status';
import { migrationsFolder, shipmentsSubgraph } from './server';

let store: Store<Schema>;
let tester: ReturnType<typeof subgraphTester<Context>>;

beforeAll(async () => {
  store = await openStore({ schema, logger: testLogger, dataDir: 'memory://', migrationsFolder });
  await seed(store.db);
  tester = subgraphTester(shipmentsSubgraph(store, testLogger, false));
}, 180_000);

afterAll(() => store?.close());

// Each test takes its own shipments, so tests do not depend on each other's writes.
const pool = demoShipments().map((d) => d.shipment);
function take(status: ShipmentStatus) {
  const index = pool.findIndex((s) => s.status === status);
  return pool.splice(index, 1)[0]!;
}

async function eventCount(shipmentId?: string) {
  const [row] = await store.db
    .select({ n: count() })
    .from(trackingEvents)
    .where(shipmentId ? eq(trackingEvents.shipmentId, shipmentId) : undefined);
  return row?.n ?? 0;
}

async function stored(id: string) {
  const [row] = await store.db.select().from(shipments).where(eq(shipments.id, id));
  return row!;
}

const RECORD = `mutation ($input: RecordTrackingEventInput!) {
  recordTrackingEvent(input: $input) {
    id status location { lat lng } note occurredAt
    shipment { id status lastLocation { lat lng } events { id status } }
  }
}`;

type Recorded = {
  recordTrackingEvent: {
    id: string;
    status: string;
    location: { lat: number; lng: number };
    note: string | null;
    occurredAt: string;
    shipment: { id: string; status: string; lastLocation: unknown; events: { id: string; status: string }[] };
  };
};

describe('recordTrackingEvent', () => {
  it('records the event and moves the shipment: status, last location, history', async () => {
    const target = take('IN_TRANSIT');
    const before = await eventCount(target.id);
    const location = { lat: 50.5, lng: 7.25 };
    const result = await tester.execute<Recorded>(RECORD, {
      input: { shipmentId: target.id, status: 'OUT_FOR_DELIVERY', location, note: 'On the van' },
    });
    expect(result.errors).toBeUndefined();
    const event = result.data!.recordTrackingEvent;
    expect(event).toMatchObject({ status: 'OUT_FOR_DELIVERY', location, note: 'On the van' });
    expect(event.shipment).toMatchObject({
      id: target.id,
      status: 'OUT_FOR_DELIVERY',
      lastLocation: location,
    });
    expect(event.shipment.events).toHaveLength(before + 1);
    expect(event.shipment.events.at(-1)).toEqual({ id: event.id, status: 'OUT_FOR_DELIVERY' });
    const row = await stored(target.id);
    expect(row).toMatchObject({ status: 'OUT_FOR_DELIVERY', lastLat: 50.5, lastLng: 7.25 });
    expect(row.updatedAt.toISOString()).toBe(event.occurredAt);
    expect(Date.parse(event.occurredAt)).toBeGreaterThan(target.updatedAt!.getTime());
  });

  it('lets later mutation fields of one operation see the earlier writes', async () => {
    const target = take('OUT_FOR_DELIVERY');
    const result = await tester.execute<Record<string, { shipment: { status: string; events: unknown[] } }>>(
      `mutation ($id: ID!) {
        a: recordTrackingEvent(input: { shipmentId: $id, status: EXCEPTION, location: { lat: 1, lng: 2 } }) {
          shipment { status events { id } }
        }
        b: recordTrackingEvent(input: { shipmentId: $id, status: OUT_FOR_DELIVERY, location: { lat: 1, lng: 2 } }) {
          shipment { status events { id } }
        }
      }`,
      { id: target.id },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.a!.shipment.status).toBe('EXCEPTION');
    expect(result.data!.b!.shipment.status).toBe('OUT_FOR_DELIVERY');
    expect(result.data!.b!.shipment.events).toHaveLength(result.data!.a!.shipment.events.length + 1);
  });

  it.each([
    ['an illegal transition', 'DELIVERED', { status: 'IN_TRANSIT' }, 'input.status', /DELIVERED.*IN_TRANSIT/],
    ['a skipped state', 'LABEL_CREATED', { status: 'DELIVERED' }, 'input.status', /LABEL_CREATED.*DELIVERED/],
    [
      'an out-of-range latitude',
      'IN_TRANSIT',
      { location: { lat: 90.5, lng: 0 } },
      'input.location.lat',
      /-90/,
    ],
    [
      'an out-of-range longitude',
      'IN_TRANSIT',
      { location: { lat: 0, lng: -181 } },
      'input.location.lng',
      /180/,
    ],
    ['a note over 500 characters', 'IN_TRANSIT', { note: 'x'.repeat(501) }, 'input.note', /500/],
    ['a malformed shipment id', 'IN_TRANSIT', { shipmentId: 'nope' }, 'input.shipmentId', /UUID/],
  ] as const)(
    'rejects %s with BAD_USER_INPUT naming the field and writes nothing',
    async (_name, status, patch, field, message) => {
      const target = take(status);
      const [events, row] = [await eventCount(), await stored(target.id)];
      const input = { shipmentId: target.id, status: 'IN_TRANSIT', location: { lat: 51, lng: 0 }, ...patch };
      const result = await tester.execute(RECORD, { input });
      expect(result.data).toBeNull();
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(result.errors?.[0]?.message).toMatch(message);
      expect(await eventCount()).toBe(events);
      expect(await stored(target.id)).toEqual(row);
    },
  );

  it('answers NOT_FOUND for an unknown shipment and writes nothing', async () => {
    const events = await eventCount();
    const result = await tester.execute(RECORD, {
      input: {
        shipmentId: '00000000-0000-4000-8000-000000000000',
        status: 'PICKED_UP',
        location: { lat: 0, lng: 0 },
      },
    });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND' });
    expect(await eventCount()).toBe(events);
  });

  it('lets only one of two concurrent deliveries through', async () => {
    const target = take('OUT_FOR_DELIVERY');
    const input = { shipmentId: target.id, status: 'DELIVERED', location: { lat: 1, lng: 1 } };
    const results = await Promise.all([tester.execute(RECORD, { input }), tester.execute(RECORD, { input })]);
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(results.find((r) => r.errors)?.errors?.[0]?.extensions).toMatchObject({ field: 'input.status' });
  });
});

describe('assignVehicle', () => {
  const ASSIGN = `mutation ($shipmentId: ID!, $vehicleId: ID!) {
    assignVehicle(shipmentId: $shipmentId, vehicleId: $vehicleId) { id vehicle { id } }
  }`;

  it('puts the shipment on the vehicle, visible through Vehicle.shipments', async () => {
    const target = take('LABEL_CREATED');
    const vehicleId = demoVehicleId(42);
    const result = await tester.execute<{ assignVehicle: unknown }>(ASSIGN, {
      shipmentId: target.id,
      vehicleId,
    });
    expect(result.errors).toBeUndefined();
    expect(result.data?.assignVehicle).toEqual({ id: target.id, vehicle: { id: vehicleId } });
    const listed = await tester.execute<{ _entities: { shipments: { id: string }[] }[] }>(
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Vehicle { shipments { id } } } }`,
      { r: [{ __typename: 'Vehicle', id: vehicleId }] },
    );
    expect(listed.data?._entities[0]?.shipments.map((s) => s.id)).toContain(target.id);
  });

  it.each([
    ['a delivered shipment', () => take('DELIVERED').id, demoVehicleId(1), 'BAD_USER_INPUT', 'shipmentId'],
    ['a malformed vehicle id', () => take('IN_TRANSIT').id, 'van-7', 'BAD_USER_INPUT', 'vehicleId'],
    ['a malformed shipment id', () => 'x', demoVehicleId(1), 'BAD_USER_INPUT', 'shipmentId'],
    [
      'an unknown shipment',
      () => '00000000-0000-4000-8000-000000000000',
      demoVehicleId(1),
      'NOT_FOUND',
      undefined,
    ],
  ])('rejects %s and changes nothing', async (_name, shipmentId, vehicleId, code, field) => {
    const id = shipmentId();
    const before = await store.db
      .select()
      .from(shipments)
      .where(eq(shipments.id, id))
      .catch(() => []);
    const result = await tester.execute(ASSIGN, { shipmentId: id, vehicleId });
    expect(result.errors?.[0]?.extensions).toMatchObject(field ? { code, field } : { code });
    const after = await store.db
      .select()
      .from(shipments)
      .where(eq(shipments.id, id))
      .catch(() => []);
    expect(after).toEqual(before);
  });
});
