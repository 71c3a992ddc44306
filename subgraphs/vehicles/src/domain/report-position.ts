import { checkLocation, type Db, type LatLng, notFound, parseId, type Viewer } from '@freightgraph/platform';
import { and, eq } from 'drizzle-orm';
import { checkMayReportPosition, visibleVehicles } from '../access';
import { type Schema, type VehicleRow, vehicles } from '../db/schema';

/**
 * Stores a vehicle's reported position. One UPDATE … RETURNING, committed when it resolves: the row it
 * returns is what subscribers are sent. Invalid input is BAD_USER_INPUT; another driver's vehicle
 * FORBIDDEN; an unknown (or invisible) vehicle NOT_FOUND.
 */
export async function reportPosition(
  db: Db<Schema>,
  args: { vehicleId: string; location: LatLng },
  viewer: Viewer,
): Promise<VehicleRow> {
  const vehicleId = parseId(args.vehicleId, 'vehicleId');
  const { lat, lng } = checkLocation(args.location, 'location');
  checkMayReportPosition(viewer, vehicleId);
  const [vehicle] = await db
    .update(vehicles)
    .set({ lat, lng, positionUpdatedAt: new Date() })
    .where(and(eq(vehicles.id, vehicleId), visibleVehicles(viewer)))
    .returning();
  if (!vehicle) throw notFound('Vehicle', vehicleId);
  return vehicle;
}
