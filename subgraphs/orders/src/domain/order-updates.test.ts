import { createEventWriter, createMemoryPubSub, openStore, type Store } from '@freightgraph/platform';
import { consumersOf } from '@freightgraph/platform/contracts';
import { liveFeedForTest, take, testLogger, testViewer } from '@freightgraph/platform/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { live } from '../consumers';
import { type FulfillmentStepRow, type Schema, type StepName, schema } from '../db/schema';
import { migrationsFolder } from '../server';
import { recordStep } from './fulfillment';
import { orderUpdateCursor, orderUpdates } from './order-updates';
import { placeOrder } from './place-order';

let store: Store<Schema>;
const pubsub = createMemoryPubSub();
const writer = createEventWriter({ context: 'orders', destinationsOf: consumersOf });
const admin = testViewer('admin');
const DAY = 24 * 60 * 60 * 1000;
let feed: () => Promise<number>;

beforeAll(async () => {
  store = await openStore({ schema, logger: testLogger, dataDir: 'memory://', migrationsFolder });
  feed = liveFeedForTest(store.db, live(pubsub));
}, 180_000);
afterAll(() => store?.close());

const customerId = '00000000-0000-4000-8000-0000000000c1';
const place = () =>
  placeOrder(
    store.db,
    {
      customerId,
      lines: [{ sku: 'S', description: 'd', quantity: 1, unitPriceCents: 100, unitWeightGrams: 1000 }],
      shippingAddress: {
        lines: ['1 Road'],
        city: 'London',
        postalCode: 'E1 1AA',
        country: 'GB',
        location: { lat: 51.5, lng: -0.1 },
      },
    },
    testViewer('admin'),
    writer,
  );
const step = async (orderId: string, name: StepName) => {
  const row = await recordStep(store.db, orderId, name, 'DONE');
  await pubsub.publish(`order-updates:${orderId}`, { orderId });
  return row!;
};

describe('resumable orderUpdates', () => {
  it('replay the steps after the cursor, then go live, each once and in commit order (repeated)', async () => {
    for (let round = 0; round < 10; round++) {
      const order = await place();
      await feed();
      const [placed] = (await store.db.select().from(schema.fulfillmentSteps)).filter(
        (s) => s.orderId === order.id,
      );
      const missed = await step(order.id, 'CREATE_SHIPMENT');
      const during = (async () => [
        await step(order.id, 'RESERVE_CAPACITY'),
        await step(order.id, 'PICK_UP'),
      ])();
      const source = await orderUpdates({
        db: store.db,
        pubsub,
        viewer: admin,
        orderId: order.id,
        after: orderUpdateCursor.encode(placed!.seq),
        retentionMs: DAY,
      });
      const live = await during;
      const seen = await take(source, 3, 3_000);
      await source.return?.();
      expect(seen.map((s) => s.name)).toEqual([missed, ...live].map((s) => s.name));
    }
  }, 60_000);

  it('apply the row rule on replay, and refuse bad and expired cursors', async () => {
    const order = await place();
    const first = await step(order.id, 'CREATE_SHIPMENT');
    await step(order.id, 'RESERVE_CAPACITY');
    const open = (after: string, viewer = admin, now?: () => number) =>
      orderUpdates({ db: store.db, pubsub, viewer, orderId: order.id, after, retentionMs: DAY, now });
    const stranger = await open(
      orderUpdateCursor.encode(first.seq),
      testViewer('customer', { customerId: '00000000-0000-4000-8000-00000000beef' }),
    );
    expect(await take(stranger, 1, 3_000)).toEqual([]);
    const expired = expect.objectContaining({
      extensions: expect.objectContaining({ code: 'CURSOR_EXPIRED' }),
    });
    await expect(open(orderUpdateCursor.encode(first.seq + 1_000_000))).rejects.toEqual(expired);
    await expect(
      open(orderUpdateCursor.encode(first.seq), admin, () => Date.now() + 2 * DAY),
    ).rejects.toEqual(expired);
    await expect(open('garbage')).rejects.toEqual(
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) }),
    );
  });
});
