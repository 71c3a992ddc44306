import {
  anyText,
  anyUuid,
  byId,
  byKey,
  type Db,
  groupByKey,
  preparedOnce,
  type RowScope,
  scopeCondition,
  scopeValue,
  uuidKeys,
  type Viewer,
} from '@freightgraph/platform';
import DataLoader from 'dataloader';
import { and, asc, desc } from 'drizzle-orm';
import { type Schema, type ShipmentRow, shipments, type TrackingEventRow, trackingEvents } from './db/schema';
import { shipmentScope } from './domain/access';

type Scope = RowScope<'customer' | 'driver'>;
const scopeColumns = { customer: shipments.customerId, driver: shipments.vehicleId };

/**
 * The loaders' statements, prepared once per store and row-rule kind (the rule's value and the keys are
 * parameters), so drizzle does not rebuild their SQL on every batch.
 */
function statements(db: Db<Schema>, scope: Scope) {
  const visible = scopeCondition(scope, scopeColumns);
  const kind = scope.kind;
  const shipmentsWhere = (where: ReturnType<typeof anyUuid>, name: string) =>
    preparedOnce(db, `${name}:${kind}`, () =>
      db.select().from(shipments).where(and(where, visible)).prepare(`shipments_${name}_${kind}`),
    );
  return {
    byId: () => shipmentsWhere(anyUuid(shipments.id, 'keys'), 'by_id'),
    byTrackingNumber: () => shipmentsWhere(anyText(shipments.trackingNumber, 'keys'), 'by_tracking'),
    byOrder: () =>
      preparedOnce(db, `by_order:${kind}`, () =>
        db
          .select()
          .from(shipments)
          .where(and(anyUuid(shipments.orderId, 'keys'), visible))
          .orderBy(asc(shipments.createdAt), asc(shipments.id))
          .prepare(`shipments_by_order_${kind}`),
      ),
    byVehicle: () =>
      preparedOnce(db, `by_vehicle:${kind}`, () =>
        db
          .select()
          .from(shipments)
          .where(and(anyUuid(shipments.vehicleId, 'keys'), visible))
          .orderBy(desc(shipments.createdAt), desc(shipments.id))
          .prepare(`shipments_by_vehicle_${kind}`),
      ),
    events: () =>
      preparedOnce(db, 'events', () =>
        db
          .select()
          .from(trackingEvents)
          .where(anyUuid(trackingEvents.shipmentId, 'keys'))
          .orderBy(asc(trackingEvents.occurredAt), asc(trackingEvents.id))
          .prepare('shipments_events'),
      ),
    latestEvent: () =>
      preparedOnce(db, 'latest_event', () =>
        db
          .selectDistinctOn([trackingEvents.shipmentId])
          .from(trackingEvents)
          .where(anyUuid(trackingEvents.shipmentId, 'keys'))
          .orderBy(asc(trackingEvents.shipmentId), desc(trackingEvents.occurredAt), desc(trackingEvents.id))
          .prepare('shipments_latest_event'),
      ),
  };
}

// Ids from `_entities` are unchecked: malformed ones cannot exist and would make the uuid comparison fail.
// Keys are lowercased so an upper-case UUID still finds its (lower-case) row.
const lower = (keys: readonly string[]) => keys.map((key) => key.toLowerCase());

/**
 * Fresh loaders for one request and viewer: batching within it, no cache shared across requests or
 * users, and only the shipments the viewer may see (others load as null or are left out of lists).
 */
export function createLoaders(db: Db<Schema>, viewer: Viewer) {
  const scope = shipmentScope(viewer);
  const prepared = statements(db, scope);
  const params = scopeValue(scope);
  return {
    shipment: new DataLoader<string, ShipmentRow | null>(async (ids) => {
      const valid = uuidKeys(ids);
      const rows = valid.length ? await prepared.byId().execute({ keys: valid, ...params }) : [];
      return byId(ids, rows);
    }),

    shipmentByTrackingNumber: new DataLoader<string, ShipmentRow | null>(async (numbers) => {
      const rows = await prepared.byTrackingNumber().execute({ keys: [...numbers], ...params });
      return byKey(numbers, rows, (row) => row.trackingNumber);
    }),

    /** An order's shipments in the order they were created (part 1, part 2, ...). */
    shipmentsByOrder: new DataLoader<string, ShipmentRow[]>(async (orderIds) => {
      const valid = uuidKeys(orderIds);
      const rows = valid.length ? await prepared.byOrder().execute({ keys: valid, ...params }) : [];
      return groupByKey(lower(orderIds), rows, (row) => row.orderId);
    }),

    /** A vehicle's shipments, newest first. */
    shipmentsByVehicle: new DataLoader<string, ShipmentRow[]>(async (vehicleIds) => {
      const valid = uuidKeys(vehicleIds);
      const rows = valid.length ? await prepared.byVehicle().execute({ keys: valid, ...params }) : [];
      return groupByKey(lower(vehicleIds), rows, (row) => row.vehicleId);
    }),

    /** A shipment's tracking history, oldest first; only ever asked for a shipment already visible. */
    eventsByShipment: new DataLoader<string, TrackingEventRow[]>(async (shipmentIds) => {
      const valid = uuidKeys(shipmentIds);
      const rows = valid.length ? await prepared.events().execute({ keys: valid }) : [];
      return groupByKey(lower(shipmentIds), rows, (row) => row.shipmentId);
    }),

    /** A shipment's newest tracking event: one DISTINCT ON over the (shipment_id, occurred_at, id) index. */
    latestEventByShipment: new DataLoader<string, TrackingEventRow | null>(async (shipmentIds) => {
      const valid = uuidKeys(shipmentIds);
      const rows = valid.length ? await prepared.latestEvent().execute({ keys: valid }) : [];
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
