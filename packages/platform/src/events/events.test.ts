import { setTimeout as sleep } from 'node:timers/promises';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../logger';
import { on } from './consumer';
import type { EventEnvelope } from './envelope';
import { createRelayNudge } from './nudge';
import { createRelay, type Destination } from './relay';
import { createConsumerRuntime, createKeyedRunner } from './runtime';
import { eventDeadLetters, eventDeliveries, eventInbox, eventOutbox } from './tables';
import { ParcelWeighedV1, ParcelWeighedV2, testCatalogue } from './testing/contracts';
import { eventTestStore } from './testing/store';
import { createEventWriter, OUTBOX_CHANNEL } from './writer';

const logger = createLogger('events-test', 'silent');
type TestStore = Awaited<ReturnType<typeof eventTestStore>>;

let store: TestStore;
beforeAll(async () => {
  store = await eventTestStore();
});
afterAll(async () => {
  await store.close();
});
beforeEach(async () => {
  await store.client.exec(
    'truncate event_outbox, event_deliveries, event_inbox, event_dead_letters, event_relay_lease',
  );
});

const writerTo = (destinations: string[]) =>
  createEventWriter({ context: 'orders', destinationsOf: () => destinations });

/** A destination that records what it got and accepts what `accept` says. */
function recorder(name: string, accept: (event: EventEnvelope, index: number) => boolean = () => true) {
  const received: EventEnvelope[] = [];
  const destination: Destination = {
    name,
    async send(events) {
      const ok = new Set<string>();
      for (const event of events) {
        if (!accept(event, received.length)) break;
        received.push(event);
        ok.add(event.id);
      }
      return ok;
    },
  };
  return { destination, received };
}

async function waitFor(check: () => boolean | Promise<boolean>, ms = 10_000) {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await sleep(20);
  }
}

describe('outbox writer', () => {
  it('writes the event with its transaction and never for one that rolled back', async () => {
    const writer = writerTo(['bus']);
    await store.db.transaction(async (tx) => {
      await writer.append(tx, ParcelWeighedV1, { aggregateId: 'p1', payload: { parcelId: 'p1', grams: 5 } });
    });
    await expect(
      store.db.transaction(async (tx) => {
        await writer.append(tx, ParcelWeighedV1, {
          aggregateId: 'p2',
          payload: { parcelId: 'p2', grams: 6 },
        });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    const rows = await store.db.select().from(eventOutbox);
    expect(rows.map((r) => r.aggregateId)).toEqual(['p1']);
    expect(await store.db.select().from(eventDeliveries)).toHaveLength(1);
    const envelope = rows[0]?.envelope as EventEnvelope;
    expect(envelope).toMatchObject({
      type: 'orders.ParcelWeighed',
      version: 1,
      correlationId: 'p1',
      causationId: null,
    });
  });

  it('refuses a payload that breaks its contract, and an event of another producer', async () => {
    const writer = writerTo(['bus']);
    await expect(
      store.db.transaction((tx) =>
        writer.append(tx, ParcelWeighedV1, { aggregateId: 'p', payload: { parcelId: 'p', grams: -1 } }),
      ),
    ).rejects.toThrow();
    const shipments = createEventWriter({ context: 'shipments', destinationsOf: () => ['bus'] });
    await expect(
      store.db.transaction((tx) =>
        shipments.append(tx, ParcelWeighedV1, { aggregateId: 'p', payload: { parcelId: 'p', grams: 1 } }),
      ),
    ).rejects.toThrow(/producer is orders/);
    expect(await store.db.select().from(eventOutbox)).toHaveLength(0);
  });

  it('notifies at commit only', async () => {
    let notified = 0;
    const unlisten = await store.listen(OUTBOX_CHANNEL, () => void notified++);
    const writer = writerTo([]);
    await store.db
      .transaction(async (tx) => {
        await writer.append(tx, ParcelWeighedV1, { aggregateId: 'p', payload: { parcelId: 'p', grams: 1 } });
        tx.rollback();
      })
      .catch(() => undefined);
    await sleep(100);
    expect(notified).toBe(0);
    await store.db.transaction((tx) =>
      writer.append(tx, ParcelWeighedV1, { aggregateId: 'p', payload: { parcelId: 'p', grams: 1 } }),
    );
    await waitFor(() => notified === 1);
    await unlisten();
  });

  it('with a nudge, wakes the relay once per committed transaction, after it, and never notifies inside', async () => {
    let notified = 0;
    const unlisten = await store.listen(OUTBOX_CHANNEL, () => void notified++);
    let committed = 0;
    const writer = createEventWriter({
      context: 'orders',
      destinationsOf: () => [],
      committed: () => void committed++,
    });
    await store.db
      .transaction(async (tx) => {
        await writer.append(tx, ParcelWeighedV1, { aggregateId: 'p', payload: { parcelId: 'p', grams: 1 } });
        tx.rollback();
      })
      .catch(() => undefined);
    expect(committed).toBe(0);
    await store.db.transaction(async (tx) => {
      for (const id of ['p1', 'p2']) {
        await writer.append(tx, ParcelWeighedV1, { aggregateId: id, payload: { parcelId: id, grams: 1 } });
      }
      expect(committed).toBe(0);
    });
    expect(committed).toBe(1);
    await sleep(100);
    expect(notified).toBe(0);
    await unlisten();
  });

  it("the nudge wakes this process's relay at once and, on PostgreSQL, coalesces the NOTIFY for the others", async () => {
    let notified = 0;
    const unlisten = await store.listen(OUTBOX_CHANNEL, () => void notified++);
    let woken = 0;
    const nudge = createRelayNudge({ db: store.db, kind: 'postgres', wake: () => void woken++, logger });
    for (let i = 0; i < 5; i++) nudge();
    expect(woken).toBe(5);
    await waitFor(() => notified >= 1);
    await sleep(100);
    // The first NOTIFY, and one more for the commits that came while it was on its way.
    expect(notified).toBe(2);
    const embedded = createRelayNudge({ db: store.db, kind: 'pglite', wake: () => void woken++, logger });
    embedded();
    await sleep(100);
    expect(woken).toBe(6);
    expect(notified).toBe(2);
    await unlisten();
  });
});

describe('relay', () => {
  it('delivers in order to every destination and deletes each delivery once acknowledged', async () => {
    const writer = writerTo(['a', 'b']);
    for (let i = 0; i < 30; i++) {
      await store.db.transaction((tx) =>
        writer.append(tx, ParcelWeighedV1, {
          aggregateId: `p${i}`,
          payload: { parcelId: `p${i}`, grams: i },
        }),
      );
    }
    const a = recorder('a');
    const b = recorder('b');
    const relay = createRelay({
      db: store.db,
      destinations: [a.destination, b.destination],
      logger,
      pollMs: 50,
      retentionHours: 1,
      batchSize: 7,
    });
    relay.wake();
    await waitFor(() => a.received.length === 30 && b.received.length === 30);
    expect(a.received.map((e) => e.aggregateId)).toEqual(Array.from({ length: 30 }, (_, i) => `p${i}`));
    await waitFor(async () => (await store.db.select().from(eventDeliveries)).length === 0);
    await relay.close();
  });

  it('retries a failing destination in order, without holding up the others', async () => {
    const writer = writerTo(['flaky', 'steady']);
    for (let i = 0; i < 5; i++) {
      await store.db.transaction((tx) =>
        writer.append(tx, ParcelWeighedV1, {
          aggregateId: `p${i}`,
          payload: { parcelId: `p${i}`, grams: i },
        }),
      );
    }
    let failures = 0;
    // Accepts two, then refuses the third twice (a consumer dying mid-batch), then everything.
    const flaky = recorder('flaky', (_event, index) => index !== 2 || ++failures > 2);
    const steady = recorder('steady');
    const relay = createRelay({
      db: store.db,
      destinations: [flaky.destination, steady.destination],
      logger,
      pollMs: 20,
      retentionHours: 1,
    });
    relay.wake();
    await waitFor(() => steady.received.length === 5);
    await waitFor(() => flaky.received.length === 5);
    expect(flaky.received.map((e) => e.aggregateId)).toEqual(['p0', 'p1', 'p2', 'p3', 'p4']);
    expect(failures).toBe(3);
    await relay.close();
  });

  it('lets one relay at a time hold a store (the lease)', async () => {
    const writer = writerTo(['a']);
    const first = recorder('a');
    const second = recorder('a');
    const one = createRelay({
      db: store.db,
      destinations: [first.destination],
      logger,
      pollMs: 20,
      retentionHours: 1,
    });
    one.wake();
    await sleep(100);
    const two = createRelay({
      db: store.db,
      destinations: [second.destination],
      logger,
      pollMs: 20,
      retentionHours: 1,
    });
    await store.db.transaction((tx) =>
      writer.append(tx, ParcelWeighedV1, { aggregateId: 'p', payload: { parcelId: 'p', grams: 1 } }),
    );
    one.wake();
    two.wake();
    await waitFor(() => first.received.length === 1);
    await sleep(200);
    expect(second.received).toHaveLength(0);
    await one.close();
    await two.close();
  });
});

describe('consumer runtime', () => {
  const seen: { parcelId: string; grams: number }[] = [];
  const handler = on(ParcelWeighedV1, async ({ tx, payload }) => {
    seen.push(payload);
    // An effect in the same transaction as the inbox row.
    await tx.execute(sql`select 1`);
  });
  const event = (payload: unknown, version = 1, id = crypto.randomUUID()): EventEnvelope => ({
    id,
    type: 'orders.ParcelWeighed',
    version,
    aggregateType: 'Parcel',
    aggregateId: 'p',
    occurredAt: new Date().toISOString(),
    correlationId: 'p',
    causationId: null,
    traceparent: null,
    payload,
  });
  const runtime = () =>
    createConsumerRuntime({
      consumer: 'shipments',
      db: store.db,
      catalogue: testCatalogue,
      handlers: [handler],
      writer: writerTo([]),
      logger,
    });

  beforeEach(() => {
    seen.length = 0;
  });

  it('applies a redelivered event once', async () => {
    const consumer = runtime();
    const once = event({ parcelId: 'p', grams: 3 });
    expect(await consumer.apply(once)).toBe('applied');
    expect(await consumer.apply(JSON.stringify(once))).toBe('duplicate');
    expect(seen).toEqual([{ parcelId: 'p', grams: 3 }]);
    expect(await store.db.select().from(eventInbox).where(eq(eventInbox.eventId, once.id))).toHaveLength(1);
  });

  it('gives a v1 handler a v2 event as v1', async () => {
    expect(await runtime().apply(event({ parcelId: 'p', weight: 1.5, unit: 'kg' }, 2))).toBe('applied');
    expect(seen).toEqual([{ parcelId: 'p', grams: 1500 }]);
  });

  it('parks malformed and unknown-version events and goes on with the next', async () => {
    const consumer = runtime();
    expect(await consumer.apply('{not json')).toBe('dead-lettered');
    expect(await consumer.apply({ id: 'x' })).toBe('dead-lettered');
    expect(await consumer.apply(event({ parcelId: 'p', weight: 1 }, 7))).toBe('dead-lettered');
    expect(await consumer.apply(event({ parcelId: 'p', grams: 'heavy' }))).toBe('dead-lettered');
    expect(await consumer.apply(event({ parcelId: 'p', grams: 4 }))).toBe('applied');
    expect(seen).toEqual([{ parcelId: 'p', grams: 4 }]);
    const parked = await store.db.select().from(eventDeadLetters);
    expect(parked).toHaveLength(4);
    expect(parked.map((p) => p.reason).join('\n')).toMatch(/unknown version orders.ParcelWeighed v7/);
    expect(consumer.stats.deadLettered).toBe(4);
  });

  it('rolls the inbox row back with a failed effect, so a retry applies it', async () => {
    let fail = true;
    const flaky = on(ParcelWeighedV1, async () => {
      if (fail) throw new Error('store busy');
    });
    const consumer = createConsumerRuntime({
      consumer: 'vehicles',
      db: store.db,
      catalogue: testCatalogue,
      handlers: [flaky],
      writer: writerTo([]),
      logger,
    });
    const once = event({ parcelId: 'p', grams: 1 });
    setTimeout(() => {
      fail = false;
    }, 120);
    expect(await consumer.apply(once)).toBe('applied');
    expect(consumer.stats.retries).toBeGreaterThan(0);
  });

  it('emits caused events with the correlation and causation of the one being handled', async () => {
    const writer = writerTo(['bus']);
    const relaying = on(ParcelWeighedV1, async ({ payload, emit }) => {
      await emit(ParcelWeighedV2, {
        aggregateId: payload.parcelId,
        payload: { parcelId: payload.parcelId, weight: payload.grams, unit: 'g' },
      });
    });
    const consumer = createConsumerRuntime({
      consumer: 'orders',
      db: store.db,
      catalogue: testCatalogue,
      handlers: [relaying],
      writer,
      logger,
    });
    const cause = { ...event({ parcelId: 'p9', grams: 9 }), correlationId: 'order-1' };
    await consumer.apply(cause);
    const [row] = await store.db.select().from(eventOutbox);
    expect(row?.envelope).toMatchObject({ version: 2, correlationId: 'order-1', causationId: cause.id });
  });
});

describe('keyed runner', () => {
  it('keeps order within a key and runs keys side by side', async () => {
    const run = createKeyedRunner();
    const log: string[] = [];
    const task = (name: string, ms: number) => () => sleep(ms).then(() => void log.push(name));
    await Promise.all([run('a', task('a1', 40)), run('a', task('a2', 1)), run('b', task('b1', 5))]);
    expect(log).toEqual(['b1', 'a1', 'a2']);
  });
});
