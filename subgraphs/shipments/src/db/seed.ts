import { chunks, type Db } from '@freightgraph/platform';
import { count } from 'drizzle-orm';
import { demoShipmentCount, demoShipments } from './demo-shipments';
import { type Schema, shipments, trackingEvents } from './schema';

/**
 * Deterministic and idempotent: the same rows every time, inserted only where missing, in one
 * transaction so a crash never leaves shipments without their history. Returns the shipments inserted.
 */
export async function seed(db: Db<Schema>): Promise<number> {
  const [existing] = await db.select({ n: count() }).from(shipments);
  if ((existing?.n ?? 0) >= demoShipmentCount()) return 0;
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
