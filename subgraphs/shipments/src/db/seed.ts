import { chunks, type Db, DEMO, demoOrder } from '@freightgraph/platform';
import { and, count, inArray, isNull } from 'drizzle-orm';
import { demoShipmentCount, demoShipments } from './demo-shipments';
import { type Schema, shipments, trackingEvents } from './schema';

/**
 * Deterministic and idempotent: the same rows every time, inserted only where missing, in one
 * transaction so a crash never leaves shipments without their history. Returns the shipments inserted.
 */
export async function seed(db: Db<Schema>): Promise<number> {
  const [existing] = await db.select({ n: count() }).from(shipments);
  if ((existing?.n ?? 0) >= demoShipmentCount()) {
    await backfillCustomerIds(db);
    return 0;
  }
  const demo = demoShipments();
  return db.transaction(async (tx) => {
    let inserted = 0;
    for (const chunk of chunks(demo.map((d) => d.shipment))) {
      const rows = await tx
        .insert(shipments)
        .values(chunk)
        .onConflictDoNothing()
        .returning({ id: shipments.id });
      inserted += rows.length;
    }
    for (const chunk of chunks(demo.flatMap((d) => d.events))) {
      await tx.insert(trackingEvents).values(chunk).onConflictDoNothing();
    }
    return inserted;
  });
}

/**
 * Demo shipments stored before `customer_id` existed get it from the demo world (which customer placed
 * order i), one statement per customer; idempotent, and a no-op once every row has one.
 */
export async function backfillCustomerIds(db: Db<Schema>): Promise<number> {
  const [missing] = await db.select({ n: count() }).from(shipments).where(isNull(shipments.customerId));
  if (!missing?.n) return 0;
  const ordersByCustomer = new Map<string, string[]>();
  for (let i = 0; i < DEMO.orders; i++) {
    const { id, customerId } = demoOrder(i);
    ordersByCustomer.set(customerId, [...(ordersByCustomer.get(customerId) ?? []), id]);
  }
  return db.transaction(async (tx) => {
    let updated = 0;
    for (const [customerId, orderIds] of ordersByCustomer) {
      for (const chunk of chunks(orderIds)) {
        const rows = await tx
          .update(shipments)
          .set({ customerId })
          .where(and(inArray(shipments.orderId, chunk), isNull(shipments.customerId)))
          .returning({ id: shipments.id });
        updated += rows.length;
      }
    }
    return updated;
  });
}
