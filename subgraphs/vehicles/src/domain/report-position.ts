import { checkLocation, type Db, type LatLng, notFound, parseId } from '@freightgraph/platform';
import { eq } from 'drizzle-orm';
import { type Schema, type VehicleRow, vehicles } from '../db/schema';

/**
 * Stores a vehicle's reported position. One UPDATE … RETURNING, committed when it resolves: the row it
 * returns is what subscribers are sent. Invalid input is BAD_USER_INPUT; an unknown vehicle NOT_FOUND.
 */
export async function reportPosition(
  db: Db<Schema>,
  args: { vehicleId: string; location: LatLng },
): Promise<VehicleRow> {
  const vehicleId = parseId(args.vehicleId, 'vehicleId');
  const { lat, lng } = checkLocation(args.location, 'location');
  const [vehicle] = await db
    .update(vehicles)
    .set({ lat, lng, positionUpdatedAt: new Date() })
    .where(eq(vehicles.id, vehicleId))
    .returning();
  if (!vehicle) throw notFound('Vehicle', vehicleId);
  return vehicle;
}
