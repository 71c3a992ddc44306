import { byId, byKey, type Db, groupByKey, uuidKeys } from '@freightgraph/platform';
import DataLoader from 'dataloader';
import { asc, desc, inArray } from 'drizzle-orm';
import { type Schema, type ShipmentRow, shipments, type TrackingEventRow, trackingEvents } from './db/schema';

// Ids from `_entities` are unchecked: malformed ones cannot exist and would make the uuid comparison fail.
// Keys are lowercased so an upper-case UUID still finds its (lower-case) row.
const lower = (keys: readonly string[]) => keys.map((key) => key.toLowerCase());

/** Fresh loaders for one request: batching within it, no cache shared across requests or users. */
export function createLoaders(db: Db<Schema>) {
  return {
    shipment: new DataLoader<string, ShipmentRow | null>(async (ids) => {
      const valid = uuidKeys(ids);
      const rows = valid.length ? await db.select().from(shipments).where(inArray(shipments.id, valid)) : [];
      return byId(ids, rows);
    }),

    shipmentByTrackingNumber: new DataLoader<string, ShipmentRow | null>(async (numbers) => {
      const rows = await db
        .select()
        .from(shipments)
        .where(inArray(shipments.trackingNumber, [...numbers]));
      return byKey(numbers, rows, (row) => row.trackingNumber);
    }),

    /** An order's shipments in the order they were created (part 1, part 2, ...). */
    shipmentsByOrder: new DataLoader<string, ShipmentRow[]>(async (orderIds) => {
      const valid = uuidKeys(orderIds);
      const rows = valid.length
        ? await db
            .select()
            .from(shipments)
            .where(inArray(shipments.orderId, valid))
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
            .where(inArray(shipments.vehicleId, valid))
            .orderBy(desc(shipments.createdAt), desc(shipments.id))
        : [];
      return groupByKey(lower(vehicleIds), rows, (row) => row.vehicleId);
    }),

    /** A shipment's tracking history, oldest first. */
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
