import { DEMO, demoOrder, groupByKey, openStore, type Store } from '@freightgraph/platform';
import { testLogger } from '@freightgraph/platform/testing';
import { asc, count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoShipmentCount, demoShipments } from './db/demo-shipments';
import { type Schema, schema, shipments, trackingEvents } from './db/schema';
import { backfillCustomerIds, seed } from './db/seed';
import { canTransition, SHIPMENT_STATUSES } from './domain/status';
import { migrationsFolder } from './server';

let store: Store<Schema>;
let inserted = 0;

beforeAll(async () => {
  store = await openStore({ schema, logger: testLogger, dataDir: 'memory://', migrationsFolder });
  inserted = await seed(store.db);
}, 180_000);

afterAll(() => store?.close());

describe('demo seed', () => {
  it('is deterministic and idempotent, with a fast path once seeded', async () => {
    const demo = demoShipments();
    expect(demoShipments()).toEqual(demo);
    expect(demoShipmentCount()).toBe(demo.length);
    expect(inserted).toBe(demo.length);
    const before = store.statements();
    expect(await seed(store.db)).toBe(0);
    // The count, and the check that no row lacks its customer.
    expect(store.statements() - before).toBe(2);
    const [row] = await store.db.select({ n: count() }).from(shipments);
    expect(row?.n).toBe(demo.length);
  });

  it("copies each order's customer onto its shipments, and back-fills stores seeded before", async () => {
    const owner = new Map(
      Array.from({ length: DEMO.orders }, (_, i) => [demoOrder(i).id, demoOrder(i).customerId]),
    );
    await store.db.update(shipments).set({ customerId: null });
    expect(await backfillCustomerIds(store.db)).toBe(demoShipmentCount());
    expect(await backfillCustomerIds(store.db)).toBe(0);
    const rows = await store.db
      .select({ orderId: shipments.orderId, customerId: shipments.customerId })
      .from(shipments);
    expect(rows.every((r) => r.customerId === owner.get(r.orderId))).toBe(true);
  });

  it('has at least 2,000 shipments, 50 in transit, every tracked status, statuses that fit their orders', async () => {
    const rows = await store.db.select().from(shipments);
    expect(rows.length).toBeGreaterThanOrEqual(2_000);
    // CANCELLED comes only from the saga (a cancelled or rejected order), never from the demo world.
    const tracked = SHIPMENT_STATUSES.filter((status) => status !== 'CANCELLED');
    expect(rows.filter((row) => row.status === 'CANCELLED')).toEqual([]);
    const byStatus = groupByKey(tracked, rows, (row) => row.status);
    for (const list of byStatus) expect(list.length).toBeGreaterThan(0);
    expect(rows.filter((row) => row.status === 'IN_TRANSIT').length).toBeGreaterThanOrEqual(50);
    const orders = new Map(Array.from({ length: DEMO.orders }, (_, i) => [demoOrder(i).id, demoOrder(i)]));
    for (const row of rows) {
      const order = orders.get(row.orderId)!;
      if (order.status === 'CONFIRMED') expect(row.status).toBe('LABEL_CREATED');
      else if (order.status === 'DELIVERED') expect(row.status).toBe('DELIVERED');
      else {
        expect(order.status).toBe('SHIPPED');
        expect(['PICKED_UP', 'IN_TRANSIT', 'OUT_FOR_DELIVERY', 'EXCEPTION']).toContain(row.status);
      }
      expect(row.trackingNumber).toMatch(/^FG\d{10}$/);
      expect(row.vehicleId === null).toBe(row.status === 'LABEL_CREATED');
      expect(row.createdAt.getTime()).toBeGreaterThan(order.createdAt.getTime());
      expect(row.estimatedDeliveryAt!.getTime()).toBeGreaterThan(row.createdAt.getTime());
    }
  });

  it('gives every shipment a legal history ending in its status and last location', async () => {
    const rows = await store.db.select().from(shipments);
    const events = await store.db
      .select()
      .from(trackingEvents)
      .orderBy(asc(trackingEvents.shipmentId), asc(trackingEvents.occurredAt));
    const histories = groupByKey(
      rows.map((row) => row.id),
      events,
      (event) => event.shipmentId,
    );
    rows.forEach((shipment, i) => {
      const list = histories[i]!;
      expect(list[0]?.status).toBe('LABEL_CREATED');
      expect(list[0]?.occurredAt).toEqual(shipment.createdAt);
      for (let n = 1; n < list.length; n++) {
        expect(canTransition(list[n - 1]!.status, list[n]!.status)).toBe(true);
        expect(list[n]!.occurredAt.getTime()).toBeGreaterThan(list[n - 1]!.occurredAt.getTime());
      }
      const last = list.at(-1)!;
      expect(last.status).toBe(shipment.status);
      expect({ lat: shipment.lastLat, lng: shipment.lastLng }).toEqual({ lat: last.lat, lng: last.lng });
      expect(shipment.updatedAt).toEqual(last.occurredAt);
    });
  });
});
