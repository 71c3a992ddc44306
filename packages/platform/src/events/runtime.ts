import { setTimeout as sleep } from 'node:timers/promises';
import type { Db } from '../db';
import type { Logger } from '../logger';
import type { EventHandler, LiveHandler } from './consumer';
import type { EventCatalogue } from './contract';
import { type EventEnvelope, eventEnvelope } from './envelope';
import { eventDeadLetters, eventInbox } from './tables';
import { type EventTimings, noTimings } from './timings';
import { inEventSpan } from './tracing';
import type { EventWriter } from './writer';

/** Thrown by a handler for an event it can never apply: the event is parked, not retried. */
export class PermanentEventError extends Error {
  override name = 'PermanentEventError';
}

export type Outcome = 'applied' | 'duplicate' | 'ignored' | 'dead-lettered';

export interface ConsumerStats {
  applied: number;
  duplicates: number;
  deadLettered: number;
  retries: number;
}

// biome-ignore lint/suspicious/noExplicitAny: the consumer's schema is its own; only the event tables are used.
type AnyDb = Db<any>;

export interface ConsumerRuntimeOptions {
  /** The inbox's name: the consuming context (or `<context>-live`). */
  consumer: string;
  db: AnyDb;
  catalogue: EventCatalogue;
  handlers: readonly EventHandler[];
  writer: EventWriter;
  logger: Logger;
  /** Per-hop timings (lag until applied, the transaction's time) on the service's metrics. */
  timings?: EventTimings;
}

/** Parses what came off the bus; a string is JSON text (NATS), anything else an already parsed body. */
function envelopeOf(raw: unknown): { envelope?: EventEnvelope; reason?: string; body: string } {
  let value = raw;
  const body = typeof raw === 'string' ? raw : (JSON.stringify(raw) ?? 'undefined');
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw);
    } catch {
      return { reason: 'not JSON', body };
    }
  }
  const parsed = eventEnvelope.safeParse(value);
  if (!parsed.success) return { reason: `malformed envelope: ${parsed.error.issues[0]?.message}`, body };
  return { envelope: parsed.data as EventEnvelope, body };
}

/**
 * Applies events to one consumer's handlers, exactly once per event id: the inbox row and the effect
 * share a transaction. Malformed events, unknown versions and permanent failures are parked in the
 * dead-letter table (so they never block the events behind them); other errors are thrown to be retried.
 */
export function createConsumerRuntime(options: ConsumerRuntimeOptions) {
  const { catalogue, logger, consumer } = options;
  const byType = new Map<string, EventHandler>(
    options.handlers.map((handler) => [handler.contract.type, handler]),
  );
  if (byType.size !== options.handlers.length)
    throw new Error(`${consumer} has two handlers for one event type`);
  const stats: ConsumerStats = { applied: 0, duplicates: 0, deadLettered: 0, retries: 0 };

  async function park(reason: string, body: string, envelope?: Partial<EventEnvelope>): Promise<Outcome> {
    await options.db.insert(eventDeadLetters).values({
      consumer,
      eventId: envelope?.id ?? null,
      type: envelope?.type ?? null,
      version: envelope?.version ?? null,
      reason: reason.slice(0, 1_000),
      body: body.slice(0, 100_000),
    });
    stats.deadLettered++;
    logger.error({ consumer, eventId: envelope?.id, type: envelope?.type, reason }, 'event dead-lettered');
    return 'dead-lettered';
  }

  async function applyOnce(raw: unknown): Promise<Outcome> {
    const { envelope, reason, body } = envelopeOf(raw);
    if (!envelope) return park(reason ?? 'malformed', body);
    const handler = byType.get(envelope.type);
    if (!handler) return 'ignored';
    let payload: unknown;
    try {
      payload = catalogue.convert(
        envelope.type,
        envelope.version,
        envelope.payload,
        handler.contract.version,
      );
    } catch (error) {
      return park(`payload breaks ${envelope.type} v${envelope.version}: ${String(error)}`, body, envelope);
    }
    if (payload === undefined) {
      return park(
        `unknown version ${envelope.type} v${envelope.version} (handler reads v${handler.contract.version})`,
        body,
        envelope,
      );
    }
    const started = Date.now();
    const clock = performance.now();
    try {
      const applied = await inEventSpan(consumer, envelope, () =>
        options.db.transaction(async (tx) => {
          const [fresh] = await tx
            .insert(eventInbox)
            .values({ consumer, eventId: envelope.id, type: envelope.type })
            .onConflictDoNothing()
            .returning({ eventId: eventInbox.eventId });
          if (!fresh) return false;
          await handler.handle({
            tx,
            payload,
            event: envelope,
            emit: async (contract, append) => {
              await options.writer.append(tx, contract, {
                ...append,
                correlationId: envelope.correlationId,
                causationId: envelope.id,
              });
            },
          });
          return true;
        }),
      );
      (options.timings ?? noTimings).consumed(
        envelope.type,
        envelope.occurredAt,
        started,
        (performance.now() - clock) / 1000,
      );
      if (applied) stats.applied++;
      else stats.duplicates++;
      return applied ? 'applied' : 'duplicate';
    } catch (error) {
      if (error instanceof PermanentEventError) return park(error.message, body, envelope);
      throw error;
    }
  }

  return {
    consumer,
    stats,
    /** The event types this consumer handles (its subscription). */
    types: [...byType.keys()],
    /**
     * Applies one event, retrying transient failures a few times with backoff (`onRetry` lets the NATS
     * transport extend the ack deadline); throws when they persist, so the delivery is retried later.
     */
    async apply(raw: unknown, onRetry?: () => void): Promise<Outcome> {
      for (let attempt = 0; ; attempt++) {
        try {
          return await applyOnce(raw);
        } catch (error) {
          if (attempt >= 5) throw error;
          stats.retries++;
          logger.warn({ consumer, err: error, attempt }, 'event handler failed; retrying');
          onRetry?.();
          await sleep(50 * 2 ** attempt);
        }
      }
    },
  };
}

export type ConsumerRuntime = ReturnType<typeof createConsumerRuntime>;

/** Feeds committed events to live handlers (subscriptions' pub/sub); no inbox, at least once. */
export function createLiveRuntime(
  catalogue: EventCatalogue,
  handlers: readonly LiveHandler[],
  logger: Logger,
) {
  const byType = new Map<string, LiveHandler>(handlers.map((handler) => [handler.contract.type, handler]));
  return {
    types: [...byType.keys()],
    async apply(raw: unknown): Promise<Outcome> {
      const { envelope, reason } = envelopeOf(raw);
      if (!envelope) {
        logger.error({ reason }, 'malformed event dropped by the live feed');
        return 'dead-lettered';
      }
      const handler = byType.get(envelope.type);
      if (!handler) return 'ignored';
      const payload = catalogue.convert(
        envelope.type,
        envelope.version,
        envelope.payload,
        handler.contract.version,
      );
      if (payload === undefined) return 'dead-lettered';
      await handler.handle(payload, envelope);
      return 'applied';
    },
  };
}

export type LiveRuntime = ReturnType<typeof createLiveRuntime>;

/**
 * Runs tasks concurrently across keys and in order within one key (the correlation id: one order's
 * saga), so a batch is fast without ever reordering one process's events.
 */
export function createKeyedRunner() {
  const tails = new Map<string, Promise<unknown>>();
  return function run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = tails.get(key) ?? Promise.resolve();
    const next = previous.then(task, task);
    const tail = next.catch(() => undefined);
    tails.set(key, tail);
    void tail.then(() => {
      if (tails.get(key) === tail) tails.delete(key);
    });
    return next;
  };
}

/** The ordering key of a raw event: its correlation id when it has one. */
export function orderingKey(raw: unknown): string {
  const value = typeof raw === 'string' ? safeJson(raw) : raw;
  const key = (value as { correlationId?: unknown } | null)?.correlationId;
  return typeof key === 'string' ? key : '';
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
