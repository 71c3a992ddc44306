import { sql } from 'drizzle-orm';
import { check, doublePrecision, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

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
    // A position is both coordinates or neither, so `Vehicle.position` never sees half of one.
    check('vehicles_position_check', sql`(${t.lat} is null) = (${t.lng} is null)`),
  ],
);

export type VehicleRow = typeof vehicles.$inferSelect;

export const schema = { vehicles };
export type Schema = typeof schema;
