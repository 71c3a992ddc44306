import { checkLocation, type Db, type LatLng, notFound, parseId, type Viewer } from '@freightgraph/platform';
import { and, eq } from 'drizzle-orm';
import { checkMayReportPosition, visibleVehicles } from '../access';
import { type Schema, type VehicleRow, vehiclePositions, vehicles } from '../db/schema';

/**
 * Stores a vehicle's reported position: the vehicle's current one and a row of its history (what
 * `vehiclePositionUpdates` replays), in one transaction committed when it resolves; the vehicle row it
 * returns is what `vehiclePositions` subscribers are sent. Invalid input is BAD_USER_INPUT; another driver's vehicle
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
  const reportedAt = new Date();
  return db.transaction(async (tx) => {
    const [vehicle] = await tx
      .update(vehicles)
      .set({ lat, lng, positionUpdatedAt: reportedAt })
      .where(and(eq(vehicles.id, vehicleId), visibleVehicles(viewer)))
      .returning();
    if (!vehicle) throw notFound('Vehicle', vehicleId);
    await tx.insert(vehiclePositions).values({ vehicleId, lat, lng, reportedAt });
    return vehicle;
  });
}
