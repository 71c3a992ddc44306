import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';

const ms = { withTimezone: true, precision: 3 } as const;

/**
 * The transactional outbox: one row per domain event, written in the transaction of the change it
 * describes. Rows stay after delivery (replay reads them); `seq` orders them.
 */
export const eventOutbox = pgTable(
  'event_outbox',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    id: uuid('id').notNull().unique(),
    type: text('type').notNull(),
    version: integer('version').notNull(),
    aggregateType: text('aggregate_type').notNull(),
    aggregateId: text('aggregate_id').notNull(),
    correlationId: text('correlation_id').notNull(),
    /** The whole envelope as published (payload validated against its contract). */
    envelope: jsonb('envelope').notNull(),
    createdAt: timestamp('created_at', ms).notNull().defaultNow(),
  },
  (t) => [index('event_outbox_aggregate_seq_idx').on(t.aggregateType, t.aggregateId, t.seq)],
);

/**
 * What is still to be delivered, per destination (the bus, or a consumer's inbox): written with the
 * outbox row, deleted once the destination acknowledged it. A relay that dies mid-batch leaves the
 * rows here and the next one sends them again; the consumers' inboxes make that harmless.
 */
export const eventDeliveries = pgTable(
  'event_deliveries',
  {
    destination: text('destination').notNull(),
    seq: bigint('seq', { mode: 'number' })
      .notNull()
      .references(() => eventOutbox.seq, { onDelete: 'cascade' }),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', ms).notNull().defaultNow(),
    lastError: text('last_error'),
  },
  (t) => [primaryKey({ columns: [t.destination, t.seq] })],
);

/** The events a consumer has applied, recorded in the transaction of their effect. */
export const eventInbox = pgTable(
  'event_inbox',
  {
    consumer: text('consumer').notNull(),
    eventId: uuid('event_id').notNull(),
    type: text('type').notNull(),
    appliedAt: timestamp('applied_at', ms).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.consumer, t.eventId] })],
);

/** Events a consumer could not accept (malformed, unknown version, a handler's permanent failure). */
export const eventDeadLetters = pgTable(
  'event_dead_letters',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    consumer: text('consumer').notNull(),
    eventId: text('event_id'),
    type: text('type'),
    version: integer('version'),
    reason: text('reason').notNull(),
    body: text('body').notNull(),
    at: timestamp('at', ms).notNull().default(sql`now()`),
  },
  (t) => [index('event_dead_letters_at_idx').on(t.at)],
);

/**
 * Which process relays this store's outbox: instances sharing one PostgreSQL take turns through a lease
 * (one row), so events leave in order and once; a dead holder's lease expires and another takes it.
 */
export const eventRelayLease = pgTable('event_relay_lease', {
  name: text('name').primaryKey(),
  holder: text('holder').notNull(),
  expiresAt: timestamp('expires_at', ms).notNull(),
});

/** Spread into every subgraph's drizzle schema, so its migrations create the tables. */
export const eventTables = { eventOutbox, eventDeliveries, eventInbox, eventDeadLetters, eventRelayLease };
