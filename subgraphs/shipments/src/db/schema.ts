import { eventTables } from '@freightgraph/platform/event-tables';
import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  doublePrecision,
  index,
  integer,
  pgSequence,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { SHIPMENT_STATUSES } from '../domain/status';

// Millisecond precision: cursors carry JS Dates, and a microsecond column would make keyset pages skip rows.
const ms = { withTimezone: true, precision: 3 } as const;

// A text column plus a CHECK rather than a PG enum: adding a status later is a one-line migration.
const statusCheck = (column: string) =>
  sql.raw(`${column} in (${SHIPMENT_STATUSES.map((s) => `'${s}'`).join(', ')})`);

/** Numbers behind new tracking numbers; well above the demo range (order index × 4 + part < 10 000). */
export const trackingNumbers = pgSequence('tracking_number_seq', { startWith: 1_000_000 });

export const shipments = pgTable(
  'shipments',
  {
    id: uuid('id').primaryKey(),
    trackingNumber: text('tracking_number').notNull(),
    orderId: uuid('order_id').notNull(),
    /**
     * The order's customer, copied here so the customer row rule is one indexed condition on this store
     * (orders live in another subgraph). Null only for rows from before it existed and not yet
     * backfilled: invisible to customers until then.
     */
    customerId: uuid('customer_id'),
    vehicleId: uuid('vehicle_id'),
    status: text('status', { enum: SHIPMENT_STATUSES }).notNull(),
    originName: text('origin_name').notNull(),
    originLat: doublePrecision('origin_lat').notNull(),
    originLng: doublePrecision('origin_lng').notNull(),
    destinationName: text('destination_name').notNull(),
    destinationLat: doublePrecision('destination_lat').notNull(),
    destinationLng: doublePrecision('destination_lng').notNull(),
    /** What the vehicle carries for it, in grams (0 for demo rows from before weights). */
    weightGrams: integer('weight_grams').notNull().default(0),
    lastLat: doublePrecision('last_lat'),
    lastLng: doublePrecision('last_lng'),
    estimatedDeliveryAt: timestamp('estimated_delivery_at', ms),
    createdAt: timestamp('created_at', ms).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', ms).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('shipments_tracking_number_idx').on(t.trackingNumber),
    index('shipments_created_at_id_idx').on(t.createdAt, t.id),
    index('shipments_status_created_at_id_idx').on(t.status, t.createdAt, t.id),
    index('shipments_order_id_idx').on(t.orderId),
    index('shipments_vehicle_id_created_at_id_idx').on(t.vehicleId, t.createdAt, t.id),
    index('shipments_customer_id_created_at_id_idx').on(t.customerId, t.createdAt, t.id),
    check('shipments_status_check', statusCheck('status')),
  ],
);

export const trackingEvents = pgTable(
  'tracking_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    shipmentId: uuid('shipment_id')
      .notNull()
      .references(() => shipments.id),
    status: text('status', { enum: SHIPMENT_STATUSES }).notNull(),
    lat: doublePrecision('lat').notNull(),
    lng: doublePrecision('lng').notNull(),
    note: text('note'),
    occurredAt: timestamp('occurred_at', ms).notNull().defaultNow(),
    /**
     * Its place in the commit order of all tracking events: the subscriptions' cursor. Set by the
     * `tracking_events_seq` trigger (migration 0003), never by the caller: the 0 default is overwritten.
     */
    seq: bigint('seq', { mode: 'number' }).notNull().default(0),
  },
  (t) => [
    // Also the index behind the foreign key.
    index('tracking_events_shipment_id_occurred_at_id_idx').on(t.shipmentId, t.occurredAt, t.id),
    uniqueIndex('tracking_events_seq_idx').on(t.seq),
    index('tracking_events_shipment_id_seq_idx').on(t.shipmentId, t.seq),
    check('tracking_events_status_check', statusCheck('status')),
  ],
);

/**
 * The last `tracking_events.seq` handed out (one row). The insert trigger increments it, so the row lock
 * is held until the inserting transaction commits: a later transaction waits, and gets a higher number
 * only after the earlier one committed. Numbers are therefore visible in commit order: once seq N can be
 * read, no transaction can still commit a number below N, and "events after cursor N" never misses one.
 * (A plain sequence would not do: nextval() is taken at insert, commits may land out of that order.)
 */
export const trackingStreamHead = pgTable(
  'tracking_stream_head',
  {
    id: integer('id').primaryKey(),
    lastSeq: bigint('last_seq', { mode: 'number' }).notNull(),
  },
  (t) => [check('tracking_stream_head_one_row', sql`${t.id} = 1`)],
);

/**
 * Orders cancelled or rejected, as this context heard it: an OrderPlaced redelivered (or delayed)
 * after its order's end must not create a shipment.
 */
export const closedOrders = pgTable('closed_orders', {
  orderId: uuid('order_id').primaryKey(),
  reason: text('reason').notNull(),
  closedAt: timestamp('closed_at', ms).notNull().defaultNow(),
});

export type ShipmentRow = typeof shipments.$inferSelect;
export type NewShipmentRow = typeof shipments.$inferInsert;
export type TrackingEventRow = typeof trackingEvents.$inferSelect;
export type NewTrackingEventRow = typeof trackingEvents.$inferInsert;

// Re-exported so drizzle-kit sees the event tables and this subgraph's migrations create them.
export * from '@freightgraph/platform/event-tables';

export const schema = {
  shipments,
  trackingEvents,
  trackingStreamHead,
  closedOrders,
  trackingNumbers,
  ...eventTables,
};
export type Schema = typeof schema;
