import { byId, byKey, type Db, groupByKey, uuidKeys, type Viewer } from '@freightgraph/platform';
import DataLoader from 'dataloader';
import { and, asc, desc, inArray } from 'drizzle-orm';
import { type Schema, type ShipmentRow, shipments, type TrackingEventRow, trackingEvents } from './db/schema';
import { visibleShipments } from './domain/access';

// Ids from `_entities` are unchecked: malformed ones cannot exist and would make the uuid comparison fail.
// Keys are lowercased so an upper-case UUID still finds its (lower-case) row.
const lower = (keys: readonly string[]) => keys.map((key) => key.toLowerCase());

/**
 * Fresh loaders for one request and viewer: batching within it, no cache shared across requests or
 * users, and only the shipments the viewer may see (others load as null or are left out of lists).
 */
export function createLoaders(db: Db<Schema>, viewer: Viewer) {
  const visible = visibleShipments(viewer);
  return {
    shipment: new DataLoader<string, ShipmentRow | null>(async (ids) => {
      const valid = uuidKeys(ids);
      const rows = valid.length
        ? await db
            .select()
            .from(shipments)
            .where(and(inArray(shipments.id, valid), visible))
        : [];
      return byId(ids, rows);
    }),

    shipmentByTrackingNumber: new DataLoader<string, ShipmentRow | null>(async (numbers) => {
      const rows = await db
        .select()
        .from(shipments)
        .where(and(inArray(shipments.trackingNumber, [...numbers]), visible));
      return byKey(numbers, rows, (row) => row.trackingNumber);
    }),

    /** An order's shipments in the order they were created (part 1, part 2, ...). */
    shipmentsByOrder: new DataLoader<string, ShipmentRow[]>(async (orderIds) => {
      const valid = uuidKeys(orderIds);
      const rows = valid.length
        ? await db
            .select()
            .from(shipments)
            .where(and(inArray(shipments.orderId, valid), visible))
            .orderBy(asc(shipments.createdAt), asc(shipments.id))
        : [];
      return groupByKey(lower(orderIds), rows, (row) => row.orderId);
    }),

    /** A vehicle's shipments, newest first. */
    shipmentsByVehicle: new DataLoader<string, ShipmentRow[]>(async (vehicleIds) => {
      const valid = uuidKeys(vehicleIds);
      const rows = valid.length
        ? await db
            .select()
            .from(shipments)
            .where(and(inArray(shipments.vehicleId, valid), visible))
            .orderBy(desc(shipments.createdAt), desc(shipments.id))
        : [];
      return groupByKey(lower(vehicleIds), rows, (row) => row.vehicleId);
    }),

    /** A shipment's tracking history, oldest first; only ever asked for a shipment already visible. */
    eventsByShipment: new DataLoader<string, TrackingEventRow[]>(async (shipmentIds) => {
      const valid = uuidKeys(shipmentIds);
      const rows = valid.length
        ? await db
            .select()
            .from(trackingEvents)
            .where(inArray(trackingEvents.shipmentId, valid))
            .orderBy(asc(trackingEvents.occurredAt), asc(trackingEvents.id))
        : [];
      return groupByKey(lower(shipmentIds), rows, (row) => row.shipmentId);
    }),

    /** A shipment's newest tracking event: one DISTINCT ON over the (shipment_id, occurred_at, id) index. */
    latestEventByShipment: new DataLoader<string, TrackingEventRow | null>(async (shipmentIds) => {
      const valid = uuidKeys(shipmentIds);
      const rows = valid.length
        ? await db
            .selectDistinctOn([trackingEvents.shipmentId])
            .from(trackingEvents)
            .where(inArray(trackingEvents.shipmentId, valid))
            .orderBy(asc(trackingEvents.shipmentId), desc(trackingEvents.occurredAt), desc(trackingEvents.id))
        : [];
      return byKey(lower(shipmentIds), rows, (row) => row.shipmentId);
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

/**
 * After a mutation in this request, cached shipments and lists may be stale (a later mutation field of
 * the same operation must see the change): forget them and keep the fresh row.
 */
export function afterShipmentWrite(loaders: Loaders, shipment: ShipmentRow): void {
  for (const loader of Object.values(loaders)) loader.clearAll();
  loaders.shipment.prime(shipment.id, shipment);
}
