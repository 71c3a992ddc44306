import { forbidden, type RowScope, type Viewer } from '@freightgraph/platform';
import { eq, type SQL, sql } from 'drizzle-orm';
import { type ShipmentRow, shipments } from '../db/schema';

/**
 * Row-level rule: which shipments the viewer may see, as a WHERE condition every query adds
 * (undefined: all). A customer sees the shipments of their own orders, a driver those assigned to
 * their vehicle. Tracking events are reached only through a visible shipment.
 */
export function visibleShipments(viewer: Viewer): SQL | undefined {
  if (viewer.role === 'customer') {
    return viewer.customerId ? eq(shipments.customerId, viewer.customerId) : sql`false`;
  }
  if (viewer.role === 'driver') {
    return viewer.vehicleId ? eq(shipments.vehicleId, viewer.vehicleId) : sql`false`;
  }
  return viewer.scopes.includes('shipments:read') ? undefined : sql`false`;
}

/** The same rule as data, for prepared statements: a customer's or a driver's rows, all, or none. */
export function shipmentScope(viewer: Viewer): RowScope<'customer' | 'driver'> {
  if (viewer.role === 'customer')
    return viewer.customerId ? { kind: 'customer', value: viewer.customerId } : { kind: 'none' };
  if (viewer.role === 'driver')
    return viewer.vehicleId ? { kind: 'driver', value: viewer.vehicleId } : { kind: 'none' };
  return viewer.scopes.includes('shipments:read') ? { kind: 'all' } : { kind: 'none' };
}

/** A driver records tracking events only for shipments on their own vehicle, checked on the locked row. */
export function checkMayTrack(viewer: Viewer, shipment: ShipmentRow): void {
  if (viewer.role === 'driver' && shipment.vehicleId !== viewer.vehicleId) {
    throw forbidden('A driver may record tracking events only for shipments on their own vehicle');
  }
}
