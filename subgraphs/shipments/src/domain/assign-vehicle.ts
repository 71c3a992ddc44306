import { assert, badUserInput, type Db, notFound, parseId } from '@freightgraph/platform';
import { eq } from 'drizzle-orm';
import { type Schema, type ShipmentRow, shipments } from '../db/schema';
import { nextTimestamp } from './clock';

/**
 * Puts a shipment on a vehicle. The vehicle lives in another subgraph, so only its id's shape is
 * checked here. A delivered shipment keeps the vehicle that delivered it.
 */
export async function assignVehicle(
  db: Db<Schema>,
  args: { shipmentId: string; vehicleId: string },
): Promise<ShipmentRow> {
  const shipmentId = parseId(args.shipmentId, 'shipmentId');
  const vehicleId = parseId(args.vehicleId, 'vehicleId');
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(shipments).where(eq(shipments.id, shipmentId)).for('update');
    if (!current) throw notFound('Shipment', shipmentId);
    if (current.status === 'DELIVERED') {
      throw badUserInput('shipmentId', `shipment ${shipmentId} is DELIVERED and cannot change vehicle`);
    }
    const [shipment] = await tx
      .update(shipments)
      .set({ vehicleId, updatedAt: nextTimestamp(current.updatedAt) })
      .where(eq(shipments.id, shipmentId))
      .returning();
    assert(shipment, 'the locked shipment was updated');
    return shipment;
  });
}
