import { randomUUID } from 'node:crypto';
import { createEventWriter, openStore, type Store } from '@freightgraph/platform';
import {
  CapacityReservationFailed,
  CapacityReserved,
  consumersOf,
  OrderCancelled,
  OrderPlaced,
  OrderRejected,
} from '@freightgraph/platform/contracts';
import {
  handleForTest,
  outboxEvents,
  testEnvelope,
  testLogger,
  testViewer,
} from '@freightgraph/platform/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Schema, schema, shipments } from '../db/schema';
import { recordTrackingEvent } from '../domain/record-tracking-event';
import { migrationsFolder } from '../server';
import { handlers } from '.';

let store: Store<Schema>;
const writer = createEventWriter({ context: 'shipments', destinationsOf: consumersOf });
const apply = (event: Parameters<typeof handleForTest>[2]) =>
  handleForTest(store.db, handlers, event, writer);

beforeAll(async () => {
  store = await openStore({ schema, logger: testLogger, dataDir: 'memory://', migrationsFolder });
}, 60_000);
afterAll(() => store?.close());

/** An order placed to an address in Camden, London (or wherever `location` says). */
function placed(location = { lat: 51.539, lng: -0.1426 }) {
  const orderId = randomUUID();
  return testEnvelope(OrderPlaced, orderId, {
    orderId,
    customerId: randomUUID(),
    number: 'FG-200001',
    lines: [{ sku: 'BOX-DW-600', quantity: 10, unitWeightGrams: 1_250 }],
    totalWeightKg: 12.5,
    shippingAddress: {
      lines: ['1 Camden High St'],
      city: 'London',
      postalCode: 'NW1 7JE',
      country: 'GB',
      location,
    },
  });
}

const shipmentsOf = (orderId: string) =>
  store.db.select().from(shipments).where(eq(shipments.orderId, orderId));
const emitted = async (since: number) => (await outboxEvents(store.db, since)).map((e) => e.type);
const lastSeq = async () => (await outboxEvents(store.db)).at(-1)?.seq ?? 0;

describe('shipments consumers', () => {
  it('creates one LABEL_CREATED shipment from the nearest depot per placed order, however often it arrives', async () => {
    const event = placed();
    const before = await lastSeq();
    await apply(event);
    await apply(event);
    const [shipment, ...more] = await shipmentsOf(event.payload.orderId);
    expect(more).toHaveLength(0);
    expect(shipment).toMatchObject({
      status: 'LABEL_CREATED',
      originName: 'London depot',
      weightGrams: 12_500,
    });
    expect(shipment?.trackingNumber).toMatch(/^FG\d{10}$/);
    const out = await outboxEvents(store.db, before);
    expect(out.map((e) => e.type)).toEqual(['shipments.ShipmentCreated']);
    expect(out[0]?.payload).toMatchObject({
      shipmentId: shipment?.id,
      weightKg: 12.5,
      origin: { name: 'London depot' },
    });
    expect(out[0]?.correlationId).toBe(event.payload.orderId);
    expect(out[0]?.causationId).toBe(event.id);
  });

  it('rejects an address outside the service area (mid-Atlantic) without creating anything', async () => {
    const event = placed({ lat: 40, lng: -40 });
    const before = await lastSeq();
    await apply(event);
    expect(await shipmentsOf(event.payload.orderId)).toHaveLength(0);
    const [rejected] = await outboxEvents(store.db, before);
    expect(rejected).toMatchObject({
      type: 'shipments.ShipmentRejected',
      payload: { reason: 'ADDRESS_UNSERVICEABLE' },
    });
  });

  it('puts the reserved vehicle on the shipment', async () => {
    const event = placed();
    await apply(event);
    const [shipment] = await shipmentsOf(event.payload.orderId);
    const vehicleId = randomUUID();
    await apply(
      testEnvelope(CapacityReserved, vehicleId, {
        reservationId: randomUUID(),
        vehicleId,
        shipmentId: shipment!.id,
        orderId: event.payload.orderId,
        weightKg: 12.5,
        distanceKm: 3,
      }),
    );
    expect((await shipmentsOf(event.payload.orderId))[0]?.vehicleId).toBe(vehicleId);
  });

  it('cancels the shipment no vehicle can take, once', async () => {
    const event = placed();
    await apply(event);
    const [shipment] = await shipmentsOf(event.payload.orderId);
    const before = await lastSeq();
    const failed = testEnvelope(CapacityReservationFailed, shipment!.id, {
      shipmentId: shipment!.id,
      orderId: event.payload.orderId,
      weightKg: 12.5,
      reason: 'NO_VEHICLE',
    });
    await apply(failed);
    await apply(failed);
    expect((await shipmentsOf(event.payload.orderId))[0]?.status).toBe('CANCELLED');
    expect(await emitted(before)).toEqual(['shipments.ShipmentCancelled']);
  });

  it.each([
    [
      'cancelled',
      (orderId: string, customerId: string) =>
        testEnvelope(OrderCancelled, orderId, { orderId, customerId, previousStatus: 'CONFIRMED' }),
    ],
    [
      'rejected',
      (orderId: string, customerId: string) =>
        testEnvelope(OrderRejected, orderId, {
          orderId,
          customerId,
          reason: 'TIMEOUT',
          failedStep: 'RESERVE_CAPACITY',
        }),
    ],
  ] as const)(
    'stops the open shipments of a %s order, and a late OrderPlaced makes none',
    async (_case, end) => {
      const event = placed();
      await apply(event);
      const before = await lastSeq();
      await apply(end(event.payload.orderId, event.payload.customerId));
      const [shipment] = await shipmentsOf(event.payload.orderId);
      expect(shipment?.status).toBe('CANCELLED');
      expect(await emitted(before)).toEqual(['shipments.ShipmentCancelled']);

      const late = placed();
      await apply(end(late.payload.orderId, late.payload.customerId));
      await apply(late);
      expect(await shipmentsOf(late.payload.orderId)).toHaveLength(0);
    },
  );

  it('appends TrackingEventRecorded with the order’s undelivered count in the tracking transaction', async () => {
    const event = placed();
    await apply(event);
    const [shipment] = await shipmentsOf(event.payload.orderId);
    const before = await lastSeq();
    const admin = testViewer('admin');
    const at = { lat: 51.5, lng: -0.12 };
    for (const status of ['PICKED_UP', 'IN_TRANSIT', 'OUT_FOR_DELIVERY', 'DELIVERED'] as const) {
      await recordTrackingEvent(store.db, { shipmentId: shipment!.id, status, location: at }, admin, writer);
    }
    const out = await outboxEvents(store.db, before);
    expect(out.map((e) => [e.payload as { status: string }].map((p) => p.status)[0])).toEqual([
      'PICKED_UP',
      'IN_TRANSIT',
      'OUT_FOR_DELIVERY',
      'DELIVERED',
    ]);
    expect(out.map((e) => (e.payload as { undeliveredShipments: number }).undeliveredShipments)).toEqual([
      1, 1, 1, 0,
    ]);
    // A refused transition writes no event.
    await expect(
      recordTrackingEvent(
        store.db,
        { shipmentId: shipment!.id, status: 'IN_TRANSIT', location: at },
        admin,
        writer,
      ),
    ).rejects.toThrow(/illegal transition/);
    expect(await outboxEvents(store.db, out.at(-1)!.seq)).toHaveLength(0);
  });
});
