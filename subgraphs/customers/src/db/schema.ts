import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

// Millisecond precision: cursors carry JS Dates, and a microsecond column would make keyset pages skip rows.
const ms = { withTimezone: true, precision: 3 } as const;

export const customers = pgTable(
  'customers',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    email: text('email').notNull().unique(),
    phone: text('phone'),
    company: text('company'),
    createdAt: timestamp('created_at', ms).notNull().defaultNow(),
  },
  (t) => [index('customers_created_at_id_idx').on(t.createdAt, t.id)],
);

export type CustomerRow = typeof customers.$inferSelect;

export const schema = { customers };
export type Schema = typeof schema;
