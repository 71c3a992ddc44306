import { randomUUID } from 'node:crypto';
import type { Db } from '@freightgraph/platform';
import { and, eq, sql } from 'drizzle-orm';
import { type ReservationRow, reservations, type Schema, vehicles } from '../db/schema';

/**
 * Ends a shipment's ACTIVE reservation and gives its capacity back, in the caller's transaction;
 * returns the released reservation, or null when there was none (already released, never made).
 * With `tombstone`, a shipment never seen before gets a CANCELLED row, so a ShipmentCreated that
 * arrives after its cancellation reserves nothing.
 */
export async function releaseCapacity(
  tx: Db<Schema>,
  shipment: { shipmentId: string; orderId: string },
  options: { tombstone: boolean },
): Promise<ReservationRow | null> {
  const [released] = await tx
    .update(reservations)
    .set({ status: 'RELEASED', releasedAt: sql`now()` })
    .where(and(eq(reservations.shipmentId, shipment.shipmentId), eq(reservations.status, 'ACTIVE')))
    .returning();
  if (released?.vehicleId) {
    await tx
      .update(vehicles)
      .set({ reservedGrams: sql`${vehicles.reservedGrams} - ${released.weightGrams}` })
      .where(eq(vehicles.id, released.vehicleId));
    return released;
  }
  if (options.tombstone) {
    await tx
      .insert(reservations)
      .values({ id: randomUUID(), ...shipment, vehicleId: null, weightGrams: 0, status: 'CANCELLED' })
      .onConflictDoNothing();
  }
  return null;
}
