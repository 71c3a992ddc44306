import { forbidden, type Viewer } from '@freightgraph/platform';
import { eq, type SQL, sql } from 'drizzle-orm';
import { vehicles } from './db/schema';

/**
 * Row-level rule: which vehicles the viewer may see, as a WHERE condition every query adds (undefined:
 * all). A driver sees only their own vehicle; a role without vehicles:read sees none.
 */
export function visibleVehicles(viewer: Viewer): SQL | undefined {
  if (viewer.role === 'driver') return viewer.vehicleId ? eq(vehicles.id, viewer.vehicleId) : sql`false`;
  return viewer.scopes.includes('vehicles:read') ? undefined : sql`false`;
}

/** A driver reports the position of their own vehicle only. */
export function checkMayReportPosition(viewer: Viewer, vehicleId: string): void {
  if (viewer.role === 'driver' && viewer.vehicleId !== vehicleId) {
    throw forbidden("A driver may report only their own vehicle's position");
  }
}

/**
 * The vehicles whose positions a viewer may stream (null: all). A driver streams only their own
 * vehicle, so a driver asking for all gets theirs and asking for another's is FORBIDDEN.
 */
export function streamableVehicleIds(viewer: Viewer, requested: string[] | null): string[] | null {
  if (viewer.role !== 'driver') return requested;
  const own = viewer.vehicleId;
  if (!own || requested?.some((id) => id !== own)) {
    throw forbidden("A driver may follow only their own vehicle's position");
  }
  return [own];
}
