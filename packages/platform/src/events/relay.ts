import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../db';
import type { Logger } from '../logger';
import { outsideRequestScope } from '../request-scope';
import type { EventEnvelope } from './envelope';
import { eventDeliveries, eventInbox, eventOutbox, eventRelayLease } from './tables';
import { type EventTimings, noTimings } from './timings';

/** Where the relay sends events: the bus, or one consumer's inbox. Resolves with the ids it accepted. */
export interface Destination {
  name: string;
  send(events: EventEnvelope[]): Promise<ReadonlySet<string>>;
}

// biome-ignore lint/suspicious/noExplicitAny: the store's schema is its own; only the event tables are used.
type AnyDb = Db<any>;

export interface RelayOptions {
  db: AnyDb;
  destinations: readonly Destination[];
  logger: Logger;
  /** Fallback poll interval; `wake()` (on NOTIFY after each commit) is what keeps latency low. */
  pollMs: number;
  retentionHours: number;
  batchSize?: number;
  /** Per-hop timings (outbox lag, send time) on the service's metrics. */
  timings?: EventTimings;
}

const LEASE_MS = 15_000;
const MAX_BACKOFF_MS = 30_000;

/** 100 ms, 200 ms, … 30 s: a destination that is down is retried forever, ever less often. */
export const backoffMs = (attempts: number) => Math.min(MAX_BACKOFF_MS, 100 * 2 ** Math.min(attempts, 12));

/**
 * Publishes committed outbox rows to their destinations in `seq` order and deletes each delivery only
 * once the destination acknowledged it. One relay per store at a time (a lease row), so instances on
 * one PostgreSQL never send the same rows side by side.
 */
export function createRelay(options: RelayOptions) {
  const { db, logger } = options;
  const holder = randomUUID();
  const batchSize = options.batchSize ?? 200;
  const timings = options.timings ?? noTimings;
  let leaseUntil = 0;
  let running: Promise<void> | undefined;
  let again = false;
  let closed = false;
  let retryTimer: NodeJS.Timeout | undefined;
  let lastCleanup = 0;
  const sent = { events: 0, failures: 0 };

  async function holdLease(): Promise<boolean> {
    if (Date.now() < leaseUntil - LEASE_MS / 2) return true;
    const expires = new Date(Date.now() + LEASE_MS);
    const rows = await db
      .insert(eventRelayLease)
      .values({ name: 'relay', holder, expiresAt: expires })
      .onConflictDoUpdate({
        target: eventRelayLease.name,
        set: { holder, expiresAt: expires },
        setWhere: or(eq(eventRelayLease.holder, holder), lt(eventRelayLease.expiresAt, sql`now()`)),
      })
      .returning({ holder: eventRelayLease.holder });
    leaseUntil = rows.length > 0 ? expires.getTime() : 0;
    return rows.length > 0;
  }

  /** Sends one destination's backlog; returns when it is empty or waiting for a retry. */
  async function drain(destination: Destination): Promise<number | undefined> {
    for (;;) {
      const rows = await db
        .select({
          seq: eventDeliveries.seq,
          attempts: eventDeliveries.attempts,
          nextAttemptAt: eventDeliveries.nextAttemptAt,
          envelope: eventOutbox.envelope,
        })
        .from(eventDeliveries)
        .innerJoin(eventOutbox, eq(eventOutbox.seq, eventDeliveries.seq))
        .where(eq(eventDeliveries.destination, destination.name))
        .orderBy(asc(eventDeliveries.seq))
        .limit(batchSize);
      const first = rows[0];
      if (!first) return undefined;
      // In order: nothing behind a failed delivery goes out before it.
      const wait = first.nextAttemptAt.getTime() - Date.now();
      if (wait > 0) return wait;
      const envelopes = rows.map((row) => row.envelope as EventEnvelope);
      let accepted: ReadonlySet<string> = new Set();
      let failure: unknown;
      const sendStarted = performance.now();
      try {
        accepted = await destination.send(envelopes);
      } catch (error) {
        failure = error;
      }
      timings.relayed(
        destination.name,
        envelopes.filter((e) => accepted.has(e.id)),
        (performance.now() - sendStarted) / 1000,
      );
      const done = rows
        .filter((row) => accepted.has((row.envelope as EventEnvelope).id))
        .map((row) => row.seq);
      if (done.length > 0) {
        await db
          .delete(eventDeliveries)
          .where(and(eq(eventDeliveries.destination, destination.name), inArray(eventDeliveries.seq, done)));
        sent.events += done.length;
      }
      const stuck = rows.find((row) => !accepted.has((row.envelope as EventEnvelope).id));
      if (!stuck) continue;
      sent.failures++;
      const delay = backoffMs(stuck.attempts);
      const reason =
        failure instanceof Error ? failure.message : failure ? String(failure) : 'not acknowledged';
      await db
        .update(eventDeliveries)
        .set({
          attempts: stuck.attempts + 1,
          nextAttemptAt: new Date(Date.now() + delay),
          lastError: reason.slice(0, 500),
        })
        .where(and(eq(eventDeliveries.destination, destination.name), eq(eventDeliveries.seq, stuck.seq)));
      logger.warn(
        { destination: destination.name, seq: stuck.seq, attempts: stuck.attempts + 1, reason },
        'event delivery failed; will retry',
      );
      return delay;
    }
  }

  async function cleanup() {
    if (Date.now() - lastCleanup < 600_000) return;
    lastCleanup = Date.now();
    const cutoff = sql`now() - make_interval(hours => ${options.retentionHours})`;
    await db.execute(
      sql`delete from ${eventOutbox} where ${eventOutbox.createdAt} < ${cutoff}
          and not exists (select 1 from ${eventDeliveries} where ${eventDeliveries.seq} = ${eventOutbox.seq})`,
    );
    await db.delete(eventInbox).where(lt(eventInbox.appliedAt, cutoff));
  }

  async function cycle() {
    do {
      again = false;
      if (!(await holdLease())) return schedule(LEASE_MS / 3);
      const waits = await Promise.all(options.destinations.map(drain));
      const next = waits.filter((w): w is number => w !== undefined);
      if (next.length > 0) schedule(Math.min(...next));
      await cleanup();
    } while (again && !closed);
  }

  function schedule(ms: number) {
    if (closed) return;
    if (retryTimer) clearTimeout(retryTimer);
    retryTimer = setTimeout(wake, ms);
    retryTimer.unref();
  }

  function wake() {
    if (closed) return;
    if (running) {
      again = true;
      return;
    }
    running = outsideRequestScope(() => cycle())
      .catch((error) => logger.error({ err: error }, 'outbox relay cycle failed'))
      .finally(() => {
        running = undefined;
        if (again) wake();
      });
  }

  const poll = setInterval(wake, options.pollMs);
  poll.unref();

  return {
    wake,
    sent,
    /** Deliveries not yet acknowledged, per destination, and the age of the oldest in seconds. */
    async backlog(): Promise<{ destination: string; pending: number; oldestSeconds: number }[]> {
      const rows = await db
        .select({
          destination: eventDeliveries.destination,
          pending: sql<number>`count(*)::int`,
          oldest: sql<number>`coalesce(extract(epoch from now() - min(${eventOutbox.createdAt})), 0)::float8`,
        })
        .from(eventDeliveries)
        .innerJoin(eventOutbox, eq(eventOutbox.seq, eventDeliveries.seq))
        .groupBy(eventDeliveries.destination);
      return rows.map((row) => ({
        destination: row.destination,
        pending: row.pending,
        oldestSeconds: row.oldest,
      }));
    },
    /** Stops polling, lets a running cycle finish (one last flush), and hands the lease back. */
    async close(): Promise<void> {
      clearInterval(poll);
      if (retryTimer) clearTimeout(retryTimer);
      if (!closed && !running) wake();
      closed = true;
      await running;
      await db
        .delete(eventRelayLease)
        .where(and(eq(eventRelayLease.name, 'relay'), eq(eventRelayLease.holder, holder)))
        .catch(() => undefined);
    },
  };
}

export type Relay = ReturnType<typeof createRelay>;
