import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from '../db';
import { noteChanges } from '../request-scope';
import { afterCommit } from '../store/after-commit';
import { changedIdsOf, changedTypesOf } from './changes';
import type { EventContract, PayloadOf } from './contract';
import type { ContextName, EventEnvelope } from './envelope';
import { eventDeliveries, eventOutbox } from './tables';

/** The channel whose NOTIFY (sent at commit, never for a rollback) wakes the relay. */
export const OUTBOX_CHANNEL = 'fg_outbox';

export interface AppendOptions<C extends EventContract> {
  aggregateId: string;
  payload: PayloadOf<C>;
  /** Defaults to the aggregate id: a process started by a user's request is named after its aggregate. */
  correlationId?: string;
  /** The event this one answers, when written by a consumer. */
  causationId?: string | null;
}

// Any drizzle database or transaction over a schema that includes the event tables.
// biome-ignore lint/suspicious/noExplicitAny: the caller's schema is its own; only the event tables are used.
type AnyDb = Db<any>;

/**
 * Writes domain events into the outbox, inside the caller's transaction: the event exists exactly when
 * the change it describes does.
 */
export interface EventWriter {
  readonly context: ContextName;
  append<C extends EventContract>(
    tx: AnyDb,
    contract: C,
    options: AppendOptions<C>,
  ): Promise<EventEnvelope<PayloadOf<C>>>;
}

export interface WriterOptions {
  context: ContextName;
  /** Where each type goes: the bus, or the inbox of every context that consumes it. */
  destinationsOf: (type: string) => readonly string[];
  /** The active W3C trace context, carried into the envelope (null when tracing is off). */
  traceparent?: () => string | null;
  /**
   * Wakes the relays once the appending transaction has committed (the bus's nudge). Without it, or
   * outside a store's transaction, a NOTIFY inside the transaction does, at a price: PostgreSQL
   * commits notifying transactions one at a time, across the whole server, each waiting for its
   * WAL flush, so every producer's commits queue behind each other.
   */
  committed?: () => void;
}

export function createEventWriter(options: WriterOptions): EventWriter {
  return {
    context: options.context,
    async append(tx, contract, append) {
      if (contract.producer !== options.context) {
        throw new Error(
          `${options.context} cannot publish ${contract.type}: its producer is ${contract.producer}`,
        );
      }
      // Validated at publish: a payload that breaks its contract fails the transaction, not a consumer.
      const payload = contract.payload.parse(append.payload) as PayloadOf<typeof contract>;
      const envelope: EventEnvelope<PayloadOf<typeof contract>> = {
        id: randomUUID(),
        type: contract.type,
        version: contract.version,
        aggregateType: contract.aggregateType,
        aggregateId: append.aggregateId,
        occurredAt: new Date().toISOString(),
        correlationId: append.correlationId ?? append.aggregateId,
        causationId: append.causationId ?? null,
        traceparent: options.traceparent?.() ?? null,
        payload,
      };
      const [row] = await tx
        .insert(eventOutbox)
        .values({
          id: envelope.id,
          type: envelope.type,
          version: envelope.version,
          aggregateType: envelope.aggregateType,
          aggregateId: envelope.aggregateId,
          correlationId: envelope.correlationId,
          envelope,
        })
        .returning({ seq: eventOutbox.seq });
      if (!row) throw new Error('insert into event_outbox returned no row');
      const destinations = options.destinationsOf(contract.type);
      if (destinations.length > 0) {
        await tx
          .insert(eventDeliveries)
          .values(destinations.map((destination) => ({ destination, seq: row.seq })));
      }
      const { committed } = options;
      if (!(committed && afterCommit(committed)))
        await tx.execute(sql`select pg_notify(${OUTBOX_CHANNEL}, '')`);
      // The request's answer tells the gateway what to evict from its entity cache (changes.ts).
      noteChanges(changedIdsOf(envelope), changedTypesOf(envelope));
      return envelope;
    },
  };
}
