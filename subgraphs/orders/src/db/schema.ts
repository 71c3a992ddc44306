import { type Address, REJECTION_REASONS } from '@freightgraph/platform/contracts';
import { eventTables } from '@freightgraph/platform/event-tables';
import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  index,
  integer,
  jsonb,
  pgSequence,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

export type ShippingAddress = Address;

// Millisecond precision: cursors carry JS Dates, and a microsecond column would make keyset pages skip rows.
const ms = { withTimezone: true, precision: 3 } as const;

export const ORDER_STATUSES = [
  'PENDING',
  'CONFIRMED',
  'SHIPPED',
  'DELIVERED',
  'CANCELLED',
  'REJECTED',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** The saga's steps (FulfillmentStepName in the SDL), in the order an order goes through them. */
export const STEP_NAMES = [
  'PLACE_ORDER',
  'CREATE_SHIPMENT',
  'RESERVE_CAPACITY',
  'PICK_UP',
  'DELIVER',
  'CANCEL',
] as const;
export type StepName = (typeof STEP_NAMES)[number];
export const STEP_STATUSES = ['DONE', 'FAILED'] as const;

const oneOf = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '));

/** Numbers of placed orders; starts well above the demo range FG-100000..FG-102399 so they never collide. */
export const orderNumbers = pgSequence('order_number_seq', { startWith: 200_000 });

export const orders = pgTable(
  'orders',
  {
    id: uuid('id').primaryKey(),
    number: text('number').notNull().unique().default(sql`('FG-' || nextval('order_number_seq'))`),
    customerId: uuid('customer_id').notNull(),
    status: text('status', { enum: ORDER_STATUSES }).notNull(),
    currency: text('currency').notNull().default('EUR'),
    totalCents: integer('total_cents').notNull(),
    /** Sum of quantity × unit weight over the lines, in grams. */
    totalWeightGrams: integer('total_weight_grams').notNull().default(0),
    /** `{ lines, city, postalCode, country, location: { lat, lng } }`; null only for orders from before it. */
    shippingAddress: jsonb('shipping_address').$type<ShippingAddress>(),
    /** Why the saga rejected the order (REJECTED only). */
    rejectionReason: text('rejection_reason', { enum: REJECTION_REASONS }),
    createdAt: timestamp('created_at', ms).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', ms).notNull().defaultNow(),
  },
  (t) => [
    index('orders_created_at_id_idx').on(t.createdAt, t.id),
    index('orders_customer_id_created_at_id_idx').on(t.customerId, t.createdAt, t.id),
    index('orders_status_created_at_id_idx').on(t.status, t.createdAt, t.id),
    check(
      'orders_status_check',
      sql.raw(`status in (${ORDER_STATUSES.map((status) => `'${status}'`).join(', ')})`),
    ),
    check('orders_total_cents_check', sql`${t.totalCents} >= 0`),
    check('orders_total_weight_grams_check', sql`${t.totalWeightGrams} >= 0`),
    check('orders_rejection_reason_check', sql`(${t.rejectionReason} is null) = (${t.status} <> 'REJECTED')`),
    // The saga's timeout sweeper looks for old PENDING orders only.
    index('orders_pending_created_at_idx').on(t.createdAt).where(sql`${t.status} = 'PENDING'`),
  ],
);

export const orderLines = pgTable(
  'order_lines',
  {
    id: uuid('id').primaryKey(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    sku: text('sku').notNull(),
    description: text('description').notNull(),
    quantity: integer('quantity').notNull(),
    unitPriceCents: integer('unit_price_cents').notNull(),
    unitWeightGrams: integer('unit_weight_grams').notNull().default(0),
  },
  (t) => [
    uniqueIndex('order_lines_order_id_position_idx').on(t.orderId, t.position),
    check('order_lines_quantity_check', sql`${t.quantity} > 0`),
    check('order_lines_unit_price_cents_check', sql`${t.unitPriceCents} >= 0`),
    check('order_lines_unit_weight_grams_check', sql`${t.unitWeightGrams} >= 0`),
  ],
);

/** What happened to an order in the fulfilment saga: each step once, done or failed, with its time. */
export const fulfillmentSteps = pgTable(
  'fulfillment_steps',
  {
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    name: text('name', { enum: STEP_NAMES }).notNull(),
    status: text('status', { enum: STEP_STATUSES }).notNull(),
    at: timestamp('at', ms).notNull().defaultNow(),
    reason: text('reason'),
    /**
     * The step's place in the commit order of all steps (`orderUpdates` cursors), assigned by the
     * `fulfillment_steps_seq` trigger (migration 0002), never by the caller: the 0 default is overwritten.
     */
    seq: bigint('seq', { mode: 'number' }).notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.orderId, t.name] }),
    uniqueIndex('fulfillment_steps_seq_idx').on(t.seq),
    index('fulfillment_steps_order_id_seq_idx').on(t.orderId, t.seq),
    check('fulfillment_steps_name_check', sql`${t.name} in (${oneOf(STEP_NAMES)})`),
    check('fulfillment_steps_status_check', sql`${t.status} in (${oneOf(STEP_STATUSES)})`),
  ],
);

/**
 * The last `fulfillment_steps.seq` handed out (one row). The insert trigger increments it, so the row
 * lock is held until the inserting transaction commits: numbers become visible in commit order, and
 * "steps after cursor N" never misses one (as `tracking_stream_head` in shipments).
 */
export const fulfillmentStreamHead = pgTable(
  'fulfillment_stream_head',
  {
    id: integer('id').primaryKey(),
    lastSeq: bigint('last_seq', { mode: 'number' }).notNull(),
  },
  (t) => [check('fulfillment_stream_head_one_row', sql`${t.id} = 1`)],
);

export type OrderRow = typeof orders.$inferSelect;
export type OrderLineRow = typeof orderLines.$inferSelect;
export type FulfillmentStepRow = typeof fulfillmentSteps.$inferSelect;

// Re-exported so drizzle-kit sees the event tables and this subgraph's migrations create them.
export * from '@freightgraph/platform/event-tables';

export const schema = {
  orders,
  orderLines,
  orderNumbers,
  fulfillmentSteps,
  fulfillmentStreamHead,
  ...eventTables,
};
export type Schema = typeof schema;
