import { openStore, type Store, type Viewer } from '@freightgraph/platform';
import { testLogger, testViewer } from '@freightgraph/platform/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { demoShipments } from '../db/demo-shipments';
import { type Schema, schema, shipments, trackingEvents } from '../db/schema';
import { seed } from '../db/seed';
import { migrationsFolder } from '../server';
import { createTrackingReads, type StreamRead } from './tracking-reads';

let store: Store<Schema>;
beforeAll(async () => {
  store = await openStore({ schema, logger: testLogger, dataDir: 'memory://', migrationsFolder });
  await seed(store.db);
}, 180_000);
afterAll(() => store?.close());

// A shipment with a customer, a vehicle and a history of several events, and a second of the same order.
const moving = demoShipments().filter((s) => s.shipment.vehicleId && s.events.length >= 4);
const { shipment } = moving[0]!;
const viewers: Viewer[] = [
  testViewer('admin'),
  testViewer('customer', { customerId: shipment.customerId! }),
  testViewer('customer', { customerId: shipment.customerId!.toUpperCase(), sub: 'upper' }),
  testViewer('customer'), // another customer
  testViewer('driver', { vehicleId: shipment.vehicleId! }),
  testViewer('driver'), // another vehicle
  testViewer('dispatcher'),
];

describe('coalesced tracking reads', () => {
  const scope = eq(trackingEvents.shipmentId, shipment.id);
  /** Every viewer, from several cursors, asking at most `limit(v, k)` rows. */
  const readsOf = async (limit: (v: number, k: number) => number): Promise<StreamRead[]> => {
    const all = await store.db
      .select({ seq: trackingEvents.seq })
      .from(trackingEvents)
      .where(scope)
      .orderBy(trackingEvents.seq);
    const seqs = [0, ...all.map((r) => r.seq)];
    return viewers.flatMap((viewer, v) =>
      [0, 1, 2].map((k) => ({
        key: `shipment:${shipment.id}`,
        scope,
        viewer,
        seq: seqs[(v + k) % (seqs.length - 1)]!,
        limit: limit(v, k),
      })),
    );
  };
  /** Each read on its own (one at a time, so each is its own query), and all of them in one turn. */
  const answers = async (reads: StreamRead[]) => {
    const reference = createTrackingReads(store.db);
    const alone = [];
    for (const read of reads) alone.push(await reference.rowsAfter(read));
    const shared = createTrackingReads(store.db);
    const select = vi.spyOn(store.db, 'select');
    const together = await Promise.all(reads.map((read) => shared.rowsAfter(read)));
    const queries = select.mock.calls.length;
    select.mockRestore();
    return { alone, together, queries };
  };

  it('answers the reads of one scope made in one turn with one query, each with what its own query returns', async () => {
    const reads = await readsOf(() => 500); // a stream's page
    const { alone, together, queries } = await answers(reads);
    expect(together).toEqual(alone);
    // Some viewers saw rows; others, refused by their row rule, saw none, from the very start.
    expect(together.some((rows) => rows.length > 0)).toBe(true);
    expect(together.some((rows, i) => rows.length === 0 && reads[i]!.seq === 0)).toBe(true);
    expect(queries).toBe(1);
  });

  it('runs a read on its own where the shared query stopped short of what it asked for', async () => {
    const reads = await readsOf((v, k) => 1 + ((v * 3 + k) % 4));
    const { alone, together, queries } = await answers(reads);
    expect(together).toEqual(alone);
    expect(queries).toBeGreaterThan(1);
  });

  it('keeps scopes apart: reads of two shipments in the same turn get each their own rows', async () => {
    const other = moving.find((s) => s.shipment.id !== shipment.id)!.shipment;
    const admin = testViewer('admin');
    const read = (id: string): StreamRead => ({
      key: `shipment:${id}`,
      scope: eq(trackingEvents.shipmentId, id),
      viewer: admin,
      seq: 0,
      limit: 100,
    });
    const shared = createTrackingReads(store.db);
    const [a, b] = await Promise.all([shared.rowsAfter(read(shipment.id)), shared.rowsAfter(read(other.id))]);
    expect(a.length).toBeGreaterThan(0);
    expect(b.length).toBeGreaterThan(0);
    expect(new Set(a.map((r) => r.shipmentId))).toEqual(new Set([shipment.id]));
    expect(new Set(b.map((r) => r.shipmentId))).toEqual(new Set([other.id]));
    // By order too (the other subscription's scope): the order's shipments, nothing else.
    const byOrder = await shared.rowsAfter({
      key: `order:${shipment.orderId}`,
      scope: eq(shipments.orderId, shipment.orderId),
      viewer: admin,
      seq: 0,
      limit: 500,
    });
    expect(byOrder.map((r) => r.id)).toEqual(expect.arrayContaining(a.map((r) => r.id)));
  });
});
