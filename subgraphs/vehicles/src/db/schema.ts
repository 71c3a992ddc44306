import { eventTables } from '@freightgraph/platform/event-tables';
import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  doublePrecision,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

// Millisecond precision: cursors carry JS Dates, and a microsecond column would make keyset pages skip rows.
const ms = { withTimezone: true, precision: 3 } as const;

/** The SDL enums; kept as text so adding a value is not an `ALTER TYPE` migration. */
export const VEHICLE_KINDS = ['VAN', 'BOX_TRUCK', 'ARTICULATED_TRUCK', 'CARGO_BIKE'] as const;
export const VEHICLE_STATUSES = ['AVAILABLE', 'ON_ROUTE', 'MAINTENANCE'] as const;

const oneOf = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '));

export const vehicles = pgTable(
  'vehicles',
  {
    id: uuid('id').primaryKey(),
    registration: text('registration').notNull().unique(),
    kind: text('kind', { enum: VEHICLE_KINDS }).notNull(),
    capacityKg: integer('capacity_kg').notNull(),
    status: text('status', { enum: VEHICLE_STATUSES }).notNull(),
    lat: doublePrecision('lat'),
    lng: doublePrecision('lng'),
    positionUpdatedAt: timestamp('position_updated_at', ms),
    /** What active reservations hold, in grams (integers: sums and releases never drift). */
    reservedGrams: integer('reserved_grams').notNull().default(0),
    createdAt: timestamp('created_at', ms).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', ms)
      .notNull()
      .defaultNow()
      .$onUpdate(() => new Date()),
  },
  (t) => [
    index('vehicles_created_at_id_idx').on(t.createdAt, t.id),
    index('vehicles_status_created_at_id_idx').on(t.status, t.createdAt, t.id),
    // The TS enum types only guard our own code; these guard the rows themselves.
    check('vehicles_kind_check', sql`${t.kind} in (${oneOf(VEHICLE_KINDS)})`),
    check('vehicles_status_check', sql`${t.status} in (${oneOf(VEHICLE_STATUSES)})`),
    check('vehicles_capacity_kg_check', sql`${t.capacityKg} > 0`),
    // The last line against overbooking, whatever a reservation's code path does.
    check(
      'vehicles_reserved_grams_check',
      sql`${t.reservedGrams} >= 0 and ${t.reservedGrams} <= ${t.capacityKg}::bigint * 1000`,
    ),
    // Nearest-vehicle search: KNN (`<->`) over points on the earth (cube + earthdistance extensions).
    index('vehicles_position_earth_idx').using('gist', sql`ll_to_earth(${t.lat}, ${t.lng})`),
    // A position is both coordinates or neither, so `Vehicle.position` never sees half of one.
    check('vehicles_position_check', sql`(${t.lat} is null) = (${t.lng} is null)`),
  ],
);

export const RESERVATION_STATUSES = ['ACTIVE', 'RELEASED', 'FAILED', 'CANCELLED'] as const;
export type ReservationStatus = (typeof RESERVATION_STATUSES)[number];

/**
 * One row per shipment the vehicles context has heard of: its reservation (ACTIVE, then RELEASED), the
 * failure to find one (FAILED), or a cancellation that arrived first (CANCELLED, no vehicle). The
 * primary key makes every outcome happen once per shipment.
 */
export const reservations = pgTable(
  'vehicle_reservations',
  {
    shipmentId: uuid('shipment_id').primaryKey(),
    id: uuid('id').notNull().unique(),
    orderId: uuid('order_id').notNull(),
    vehicleId: uuid('vehicle_id').references(() => vehicles.id),
    weightGrams: integer('weight_grams').notNull(),
    status: text('status', { enum: RESERVATION_STATUSES }).notNull(),
    createdAt: timestamp('created_at', ms).notNull().defaultNow(),
    releasedAt: timestamp('released_at', ms),
  },
  (t) => [
    index('vehicle_reservations_vehicle_id_idx').on(t.vehicleId),
    check('vehicle_reservations_status_check', sql`${t.status} in (${oneOf(RESERVATION_STATUSES)})`),
    check('vehicle_reservations_weight_check', sql`${t.weightGrams} >= 0`),
    check(
      'vehicle_reservations_vehicle_check',
      sql`(${t.vehicleId} is null) = (${t.status} in ('FAILED', 'CANCELLED'))`,
    ),
  ],
);

/**
 * Every reported position, kept for the retention (`VEHICLE_POSITION_RETENTION_MS`, pruned oldest
 * first): what `vehiclePositionUpdates` replays from a cursor.
 */
export const vehiclePositions = pgTable(
  'vehicle_positions',
  {
    /**
     * The report's place in the commit order of all reports (the cursor), assigned by the
     * `vehicle_positions_seq` trigger (migration 0002), never by the caller: the 0 default is overwritten.
     */
    seq: bigint('seq', { mode: 'number' }).notNull().default(0),
    vehicleId: uuid('vehicle_id')
      .notNull()
      .references(() => vehicles.id, { onDelete: 'cascade' }),
    lat: doublePrecision('lat').notNull(),
    lng: doublePrecision('lng').notNull(),
    reportedAt: timestamp('reported_at', ms).notNull(),
  },
  (t) => [
    uniqueIndex('vehicle_positions_seq_idx').on(t.seq),
    index('vehicle_positions_vehicle_id_seq_idx').on(t.vehicleId, t.seq),
  ],
);

/**
 * The last `vehicle_positions.seq` handed out, and the last one pruned (one row). The insert trigger
 * increments `last_seq`, so the row lock is held until the inserting transaction commits: numbers become
 * visible in commit order (as `tracking_stream_head` in shipments). A cursor at or below `pruned_seq`
 * may have lost rows after it: CURSOR_EXPIRED.
 */
export const vehiclePositionHead = pgTable(
  'vehicle_position_head',
  {
    id: integer('id').primaryKey(),
    lastSeq: bigint('last_seq', { mode: 'number' }).notNull(),
    prunedSeq: bigint('pruned_seq', { mode: 'number' }).notNull(),
  },
  (t) => [check('vehicle_position_head_one_row', sql`${t.id} = 1`)],
);

export type VehicleRow = typeof vehicles.$inferSelect;
export type VehiclePositionRow = typeof vehiclePositions.$inferSelect;
export type ReservationRow = typeof reservations.$inferSelect;

// Re-exported so drizzle-kit sees the event tables and this subgraph's migrations create them.
export * from '@freightgraph/platform/event-tables';

export const schema = { vehicles, reservations, vehiclePositions, vehiclePositionHead, ...eventTables };
export type Schema = typeof schema;
