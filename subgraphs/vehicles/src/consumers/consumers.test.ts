import { randomUUID } from 'node:crypto';
import { createEventWriter, openStore, type Store } from '@freightgraph/platform';
import {
  consumersOf,
  ShipmentCancelled,
  ShipmentCreated,
  TrackingEventRecorded,
} from '@freightgraph/platform/contracts';
import { handleForTest, outboxEvents, testEnvelope, testLogger } from '@freightgraph/platform/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extensions } from '../db/extensions';
import { reservations, type Schema, schema, vehicles } from '../db/schema';
import { migrationsFolder } from '../server';
import { handlers } from '.';

let store: Store<Schema>;
const writer = createEventWriter({ context: 'vehicles', destinationsOf: consumersOf });
const apply = (event: Parameters<typeof handleForTest>[2]) =>
  handleForTest(store.db, handlers, event, writer);
const van = {
  id: randomUUID(),
  registration: 'LB72 TST',
  kind: 'VAN' as const,
  capacityKg: 100,
  status: 'AVAILABLE' as const,
  lat: 51.5,
  lng: -0.12,
};

beforeAll(async () => {
  store = await openStore({ schema, logger: testLogger, dataDir: 'memory://', migrationsFolder, extensions });
  await store.db.insert(vehicles).values(van);
}, 60_000);
afterAll(() => store?.close());

function created(weightKg: number) {
  const shipmentId = randomUUID();
  const orderId = randomUUID();
  const depot = { name: 'London depot', location: { lat: 51.5074, lng: -0.1278 } };
  return testEnvelope(
    ShipmentCreated,
    shipmentId,
    { shipmentId, orderId, trackingNumber: 'FG0000000001', origin: depot, destination: depot, weightKg },
    orderId,
  );
}

const reservedGrams = async () =>
  (await store.db.select().from(vehicles).where(eq(vehicles.id, van.id)))[0]?.reservedGrams;
const lastSeq = async () => (await outboxEvents(store.db)).at(-1)?.seq ?? 0;
const emitted = async (since: number) => outboxEvents(store.db, since);

describe('vehicles consumers', () => {
  it('reserves once per shipment and says so; a shipment that fits nowhere fails once', async () => {
    const event = created(60);
    const before = await lastSeq();
    await apply(event);
    await apply(event);
    expect(await reservedGrams()).toBe(60_000);
    const [reserved, ...rest] = await emitted(before);
    expect(rest).toHaveLength(0);
    expect(reserved).toMatchObject({
      type: 'vehicles.CapacityReserved',
      correlationId: event.payload.orderId,
      payload: { vehicleId: van.id, shipmentId: event.payload.shipmentId, weightKg: 60 },
    });

    const tooHeavy = created(50); // 60 + 50 > 100 kg
    const seq = await lastSeq();
    await apply(tooHeavy);
    await apply(tooHeavy);
    expect((await emitted(seq)).map((e) => [e.type, (e.payload as { reason: string }).reason])).toEqual([
      ['vehicles.CapacityReservationFailed', 'NO_VEHICLE'],
    ]);
    expect(await reservedGrams()).toBe(60_000);

    // Compensation: the cancelled shipment gives the capacity back, once.
    const cancel = testEnvelope(ShipmentCancelled, event.payload.shipmentId, {
      shipmentId: event.payload.shipmentId,
      orderId: event.payload.orderId,
      reason: 'ORDER_CANCELLED',
    });
    const seq2 = await lastSeq();
    await apply(cancel);
    await apply(cancel);
    expect(await reservedGrams()).toBe(0);
    expect((await emitted(seq2)).map((e) => e.type)).toEqual(['vehicles.CapacityReleased']);
  });

  it('releases on delivery only, and a cancellation that comes first blocks the reservation', async () => {
    const event = created(30);
    await apply(event);
    const track = (status: 'IN_TRANSIT' | 'DELIVERED') =>
      testEnvelope(TrackingEventRecorded, event.payload.shipmentId, {
        trackingEventId: randomUUID(),
        shipmentId: event.payload.shipmentId,
        orderId: event.payload.orderId,
        status,
        location: { lat: 51.5, lng: -0.1 },
        note: null,
        occurredAt: new Date().toISOString(),
        undeliveredShipments: status === 'DELIVERED' ? 0 : 1,
      });
    await apply(track('IN_TRANSIT'));
    expect(await reservedGrams()).toBe(30_000);
    await apply(track('DELIVERED'));
    expect(await reservedGrams()).toBe(0);
    const [row] = await store.db
      .select()
      .from(reservations)
      .where(eq(reservations.shipmentId, event.payload.shipmentId));
    expect(row?.status).toBe('RELEASED');

    const early = created(10);
    await apply(
      testEnvelope(ShipmentCancelled, early.payload.shipmentId, {
        shipmentId: early.payload.shipmentId,
        orderId: early.payload.orderId,
        reason: 'ORDER_REJECTED',
      }),
    );
    await apply(early);
    expect(await reservedGrams()).toBe(0);
  });
});
