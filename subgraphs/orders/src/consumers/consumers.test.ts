import { randomUUID } from 'node:crypto';
import {
  createEventWriter,
  createMemoryPubSub,
  demoCustomerId,
  type EventEnvelope,
  openStore,
  type Store,
} from '@freightgraph/platform';
import {
  CapacityReservationFailed,
  CapacityReserved,
  consumersOf,
  ShipmentCreated,
  ShipmentRejected,
  TrackingEventRecorded,
} from '@freightgraph/platform/contracts';
import {
  handleForTest,
  liveFeedForTest,
  outboxEvents,
  serveSubgraphForTest,
  subgraphClient,
  subscribe,
  testEnvelope,
  testLogger,
  testViewer,
} from '@freightgraph/platform/testing';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orders, type Schema, schema } from '../db/schema';
import { cancelOrder } from '../domain/cancel-order';
import { placeOrder } from '../domain/place-order';
import { rejectTimedOut } from '../domain/timeouts';
import { migrationsFolder, ordersSubgraph } from '../server';
import { handlers, live } from '.';

let store: Store<Schema>;
const writer = createEventWriter({ context: 'orders', destinationsOf: consumersOf });
const apply = (event: EventEnvelope) => handleForTest(store.db, handlers, event, writer);
const admin = testViewer('admin');

beforeAll(async () => {
  store = await openStore({ schema, logger: testLogger, dataDir: 'memory://', migrationsFolder });
}, 60_000);
afterAll(() => store?.close());

const input = {
  customerId: demoCustomerId(7),
  lines: [
    { sku: 'BOX-DW-600', description: 'Carton', quantity: 4, unitPriceCents: 185, unitWeightGrams: 900 },
  ],
  shippingAddress: {
    lines: ['1 Dock Rd'],
    city: 'Leeds',
    postalCode: 'LS1 1AA',
    country: 'GB',
    location: { lat: 53.8, lng: -1.55 },
  },
};

/** A PENDING order with the events the other contexts would answer it with. */
async function pendingOrder() {
  const order = await placeOrder(store.db, input, admin, writer);
  const orderId = order.id;
  const shipmentId = randomUUID();
  const vehicleId = randomUUID();
  const place = { name: 'Leeds depot', location: { lat: 53.8, lng: -1.55 } };
  return {
    orderId,
    shipmentId,
    created: testEnvelope(
      ShipmentCreated,
      shipmentId,
      {
        shipmentId,
        orderId,
        trackingNumber: 'FG0000000002',
        origin: place,
        destination: place,
        weightKg: 3.6,
      },
      orderId,
    ),
    reserved: testEnvelope(
      CapacityReserved,
      vehicleId,
      { reservationId: randomUUID(), vehicleId, shipmentId, orderId, weightKg: 3.6, distanceKm: 2 },
      orderId,
    ),
    noVehicle: testEnvelope(
      CapacityReservationFailed,
      shipmentId,
      { shipmentId, orderId, weightKg: 3.6, reason: 'NO_VEHICLE' },
      orderId,
    ),
    tracked: (status: 'PICKED_UP' | 'DELIVERED', undeliveredShipments: number) =>
      testEnvelope(
        TrackingEventRecorded,
        shipmentId,
        {
          trackingEventId: randomUUID(),
          shipmentId,
          orderId,
          status,
          location: place.location,
          note: null,
          occurredAt: new Date().toISOString(),
          undeliveredShipments,
        },
        orderId,
      ),
  };
}

const orderRow = async (id: string) => (await store.db.select().from(orders).where(eq(orders.id, id)))[0];
const lastSeq = async () => (await outboxEvents(store.db)).at(-1)?.seq ?? 0;
const emitted = async (since: number) => (await outboxEvents(store.db, since)).map((e) => e.type);

describe('orders consumers: the saga from PENDING', () => {
  it('confirms once on CapacityReserved, ships on the first pick-up, delivers when nothing is undelivered', async () => {
    const saga = await pendingOrder();
    const seq = await lastSeq();
    await apply(saga.created);
    await apply(saga.reserved);
    await apply(saga.reserved);
    expect((await orderRow(saga.orderId))?.status).toBe('CONFIRMED');
    expect(await emitted(seq)).toEqual(['orders.OrderConfirmed']);

    await apply(saga.tracked('PICKED_UP', 1));
    await apply(saga.tracked('PICKED_UP', 1));
    expect((await orderRow(saga.orderId))?.status).toBe('SHIPPED');
    // Another shipment of the order is still on its way: not yet delivered.
    await apply(saga.tracked('DELIVERED', 1));
    expect((await orderRow(saga.orderId))?.status).toBe('SHIPPED');
    await apply(saga.tracked('DELIVERED', 0));
    expect((await orderRow(saga.orderId))?.status).toBe('DELIVERED');
    expect(await emitted(seq)).toEqual([
      'orders.OrderConfirmed',
      'orders.OrderShipped',
      'orders.OrderDelivered',
    ]);
  });

  it.each([
    ['no vehicle', 'noVehicle', 'NO_VEHICLE', 'RESERVE_CAPACITY'],
    ['an unusable address', 'rejectedAddress', 'ADDRESS_UNSERVICEABLE', 'CREATE_SHIPMENT'],
  ] as const)(
    'rejects on %s, once, and a late reservation changes nothing',
    async (_case, which, reason, step) => {
      const saga = await pendingOrder();
      const event =
        which === 'noVehicle'
          ? saga.noVehicle
          : testEnvelope(ShipmentRejected, saga.orderId, {
              orderId: saga.orderId,
              reason: 'ADDRESS_UNSERVICEABLE',
            });
      const seq = await lastSeq();
      await apply(event);
      await apply(event);
      await apply(saga.reserved);
      expect(await orderRow(saga.orderId)).toMatchObject({ status: 'REJECTED', rejectionReason: reason });
      const out = await outboxEvents(store.db, seq);
      expect(out.map((e) => [e.type, e.payload])).toEqual([
        ['orders.OrderRejected', expect.objectContaining({ reason, failedStep: step })],
      ]);
    },
  );

  it('cancels a CONFIRMED order, and a pick-up after that does not ship it', async () => {
    const saga = await pendingOrder();
    await apply(saga.reserved);
    await cancelOrder(store.db, saga.orderId, admin, writer);
    await apply(saga.tracked('PICKED_UP', 1));
    expect((await orderRow(saga.orderId))?.status).toBe('CANCELLED');
  });

  it('rejects PENDING orders older than the timeout (TIMEOUT), leaving younger and confirmed ones', async () => {
    const old = await pendingOrder();
    const confirmed = await pendingOrder();
    await apply(confirmed.created);
    await apply(confirmed.reserved);
    const young = await pendingOrder();
    await store.db
      .update(orders)
      .set({ createdAt: sql`now() - interval '1 minute'` })
      .where(sql`${orders.id} in (${old.orderId}, ${confirmed.orderId})`);
    const seq = await lastSeq();
    // A demo order (seeded, no saga) as old is left alone.
    const demo = { ...(await orderRow(young.orderId))!, id: randomUUID(), number: 'FG-199999' };
    await store.db.insert(orders).values({ ...demo, createdAt: new Date(Date.now() - 3_600_000) });
    expect(await rejectTimedOut(store.db, writer, 30_000)).toBe(1);
    expect(await rejectTimedOut(store.db, writer, 30_000)).toBe(0);
    expect(await orderRow(old.orderId)).toMatchObject({ status: 'REJECTED', rejectionReason: 'TIMEOUT' });
    expect((await orderRow(confirmed.orderId))?.status).toBe('CONFIRMED');
    expect((await orderRow(young.orderId))?.status).toBe('PENDING');
    expect((await orderRow(demo.id))?.status).toBe('PENDING');
    const [rejected] = await outboxEvents(store.db, seq);
    expect(rejected).toMatchObject({
      type: 'orders.OrderRejected',
      payload: { reason: 'TIMEOUT', failedStep: 'CREATE_SHIPMENT' },
    });
  });
});

describe('orderUpdates', () => {
  it('streams each committed step with the order as it is now, only to who may see the order', async () => {
    const pubsub = createMemoryPubSub();
    // Its own store: closing the served subgraph closes the store under it.
    const own = await openStore({ schema, logger: testLogger, dataDir: 'memory://', migrationsFolder });
    const served = await serveSubgraphForTest(ordersSubgraph(own, testLogger, true, pubsub));
    const db = own.db;
    const feed = liveFeedForTest(db, live(pubsub));
    try {
      const order = await placeOrder(db, input, admin, writer);
      const vehicleId = randomUUID();
      const reserved = testEnvelope(
        CapacityReserved,
        vehicleId,
        {
          reservationId: randomUUID(),
          vehicleId,
          shipmentId: randomUUID(),
          orderId: order.id,
          weightKg: 3.6,
          distanceKm: 2,
        },
        order.id,
      );
      const saga = { orderId: order.id };
      await feed(); // OrderPlaced, committed before anyone subscribed: not streamed
      const client = subgraphClient(served.graphql, await served.internal('admin'));
      const updates = subscribe<{
        orderUpdates: { order: { id: string; status: string }; step: { name: string; status: string } };
      }>(client, {
        query:
          'subscription ($id: ID!) { orderUpdates(orderId: $id) { order { id status } step { name status } } }',
        variables: { id: saga.orderId },
      });
      const deadline = Date.now() + 10_000;
      while (pubsub.subscriberCount() === 0 && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 20));
      await handleForTest(db, handlers, reserved, writer);
      await feed();
      expect((await updates.next()).data?.orderUpdates).toEqual({
        order: { id: saga.orderId, status: 'CONFIRMED' },
        step: { name: 'RESERVE_CAPACITY', status: 'DONE' },
      });
      updates.unsubscribe();

      // Another customer's order is NOT_FOUND for this customer.
      const stranger = subgraphClient(served.graphql, await served.internal('customer'));
      const refused = subscribe(stranger, {
        query: 'subscription ($id: ID!) { orderUpdates(orderId: $id) { step { name } } }',
        variables: { id: saga.orderId },
      });
      expect((await refused.next()).errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND' });
      await client.dispose();
      await stranger.dispose();
    } finally {
      await served.close();
    }
  });
});
