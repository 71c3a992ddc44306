import {
  createEventWriter,
  createMemoryPubSub,
  openStore,
  type PubSub,
  type Store,
  type Viewer,
} from '@freightgraph/platform';
import { consumersOf } from '@freightgraph/platform/contracts';
import { liveFeedForTest, take, testLogger, testViewer } from '@freightgraph/platform/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { live } from '../consumers';
import { demoShipments } from '../db/demo-shipments';
import { type Schema, schema, shipments, type TrackingEventRow, trackingEvents } from '../db/schema';
import { seed } from '../db/seed';
import { trackingTopics } from '../events';
import { migrationsFolder } from '../server';
import { recordTrackingEvent } from './record-tracking-event';
import { decodeTrackingCursor, encodeTrackingCursor } from './tracking-cursor';
import { createTrackingReads, type TrackingReads } from './tracking-reads';
import { trackingStream } from './tracking-stream';

let store: Store<Schema>;
let pubsub: PubSub;
let feed: () => Promise<number>;
let reads: TrackingReads;
const writer = createEventWriter({ context: 'shipments', destinationsOf: consumersOf });
const admin = testViewer('admin');
const inTransit = demoShipments().filter((s) => s.shipment.status === 'IN_TRANSIT');
const DAY = 24 * 60 * 60 * 1000;

beforeAll(async () => {
  store = await openStore({ schema, logger: testLogger, dataDir: 'memory://', migrationsFolder });
  await seed(store.db);
  pubsub = createMemoryPubSub();
  feed = liveFeedForTest(store.db, live(pubsub));
  reads = createTrackingReads(store.db);
}, 180_000);
afterAll(() => store?.close());

const record = async (shipmentId: string, note: string) => {
  const { event } = await recordTrackingEvent(
    store.db,
    { shipmentId, status: 'IN_TRANSIT', location: { lat: 51.5, lng: -0.1 }, note },
    admin,
    writer,
  );
  return event;
};

const stream = (shipmentId: string, after: string | undefined, viewer: Viewer = admin) =>
  trackingStream({
    db: store.db,
    pubsub,
    viewer,
    topic: trackingTopics.shipment(shipmentId),
    scope: eq(trackingEvents.shipmentId, shipmentId),
    reads,
    after,
    retentionMs: DAY,
  });

describe('tracking cursors', () => {
  it('round-trip a sequence number and refuse anything else with BAD_USER_INPUT', () => {
    expect(decodeTrackingCursor(encodeTrackingCursor(42))).toBe(42);
    for (const bad of [
      '',
      'abc',
      encodeTrackingCursor(0),
      Buffer.from('tracking:-1').toString('base64url'),
    ]) {
      expect(() => decodeTrackingCursor(bad)).toThrow(
        expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) }),
      );
    }
  });

  it('number events in commit order, one after the other', async () => {
    const shipmentId = inTransit[0]!.shipment.id;
    const a = await record(shipmentId, 'a');
    const b = await record(shipmentId, 'b');
    expect(b.seq).toBe(a.seq + 1);
  });
});

describe('resumable tracking streams', () => {
  it('replay what was committed after the cursor, then go live, each event once and in order', async () => {
    const shipmentId = inTransit[1]!.shipment.id;
    const before = await record(shipmentId, 'before');
    const missed = [await record(shipmentId, 'missed 1'), await record(shipmentId, 'missed 2')];
    await feed();
    const source = await stream(shipmentId, encodeTrackingCursor(before.seq));
    const live = await record(shipmentId, 'live');
    await feed();
    const seen = await take(source, 3);
    await source.return?.();
    expect(seen.map((e) => e.id)).toEqual([...missed, live].map((e) => e.id));
  });

  it('lose and repeat nothing when events are committed during the replay (repeated, it is a race)', async () => {
    const shipmentId = inTransit[2]!.shipment.id;
    for (let round = 0; round < 15; round++) {
      const from = await record(shipmentId, `from ${round}`);
      const backlog = [];
      for (let i = 0; i < 5; i++) backlog.push(await record(shipmentId, `backlog ${round}.${i}`));
      // Subscribe while more events commit and their wake-ups arrive, some before the stream exists.
      const during = (async () => {
        const made = [];
        for (let i = 0; i < 5; i++) {
          made.push(await record(shipmentId, `during ${round}.${i}`));
          await feed();
        }
        return made;
      })();
      const source = await stream(shipmentId, encodeTrackingCursor(from.seq));
      const concurrent = await during;
      const seen = await take(source, 10);
      await source.return?.();
      expect(seen.map((e) => e.note)).toEqual([...backlog, ...concurrent].map((e) => e.note));
    }
  }, 60_000);

  it('apply the viewer’s row rules to replayed events', async () => {
    const { shipment } = inTransit[3]!;
    const from = await record(shipment.id, 'from');
    await record(shipment.id, 'hidden from strangers');
    const [row] = await store.db.select().from(shipments).where(eq(shipments.id, shipment.id));
    const owner = testViewer('customer', { customerId: row!.customerId! });
    const stranger = testViewer('customer', { customerId: '00000000-0000-4000-8000-00000000beef' });

    const mine = await stream(shipment.id, encodeTrackingCursor(from.seq), owner);
    expect((await take(mine, 1)).map((e) => e.note)).toEqual(['hidden from strangers']);
    await mine.return?.();

    const theirs = await stream(shipment.id, encodeTrackingCursor(from.seq), stranger);
    const nothing = setTimeout(() => void theirs.return?.(), 300);
    expect(await take(theirs, 1)).toEqual([]);
    clearTimeout(nothing);
  });

  it('refuse a cursor outside the kept history with CURSOR_EXPIRED', async () => {
    const shipmentId = inTransit[4]!.shipment.id;
    const first = await record(shipmentId, 'old');
    const last = await record(shipmentId, 'newest');
    const expired = expect.objectContaining({
      extensions: expect.objectContaining({ code: 'CURSOR_EXPIRED' }),
    });
    const twoDaysLater = (after: string) =>
      trackingStream({
        db: store.db,
        pubsub,
        viewer: admin,
        topic: trackingTopics.shipment(shipmentId),
        scope: eq(trackingEvents.shipmentId, shipmentId),
        reads,
        after,
        retentionMs: DAY,
        now: () => Date.now() + 2 * DAY,
      });
    // Never issued by this store.
    await expect(stream(shipmentId, encodeTrackingCursor(last.seq + 1_000_000))).rejects.toEqual(expired);
    // Replaying from here would deliver an event older than a day.
    await expect(twoDaysLater(encodeTrackingCursor(first.seq))).rejects.toEqual(expired);
    // Nothing to replay after the stream's last event: still good, however old.
    const quiet = await twoDaysLater(encodeTrackingCursor(last.seq));
    await quiet.return?.();
    await expect(stream(shipmentId, 'not-a-cursor')).rejects.toEqual(
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) }),
    );
    expect(pubsub.subscriberCount()).toBe(0);
  });
});
