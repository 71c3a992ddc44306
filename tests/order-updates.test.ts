import { demoCustomerId } from '@freightgraph/platform';
import { TEST_CUSTOMER_ID, testTokens } from '@freightgraph/platform/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, post } from './client';
import { type RunningGraph, startGraph } from './harness';
import {
  errorCodes,
  eventsAfter,
  expectExactlyOnce,
  orderHistory,
  orderStream,
  type Received,
  streamSubscriber,
} from './resume-kit';
import { CANCEL, createSagaClient, LONDON, orderInput, TRACK } from './saga-kit';

// `orderUpdates` end to end: steps committed by the saga's consumers, streamed through the gateway.
// Its own graph: this file kills and restarts the orders subgraph. Tracking events are recorded straight
// at the shipments subgraph (internal token), so they are committed while orders is down; the steps
// they lead to (PICK_UP, DELIVER) are committed by orders' consumer once it is back.
let graph: RunningGraph;
let tokens: ReturnType<typeof testTokens>;
let admin: Record<string, string>;
let saga: ReturnType<typeof createSagaClient>;

beforeAll(async () => {
  graph = await startGraph({ env: { SUBSCRIPTION_FAILOVER_WINDOW_MS: '240000' } });
  tokens = testTokens(graph.layout.dataDir);
  admin = await tokens.headers('admin');
  saga = createSagaClient(graph.gatewayUrl, admin);
}, 300_000);
afterAll(() => graph?.stop());

/** A well-formed order id that no order has. */
const UNKNOWN_ORDER = '00000000-0000-4000-8000-00000000abcd';
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const as = (headers: Record<string, string>) => ({ authorization: headers.authorization });

/** A confirmed order (PLACE_ORDER, CREATE_SHIPMENT, RESERVE_CAPACITY done) and its shipment. */
async function confirmedOrder(customer = 0) {
  const placed = await saga.place(orderInput({ customer, weightKg: 20 }));
  const order = await saga.settle(
    placed.id,
    (o) => o.status === 'CONFIRMED' && o.shipments.length === 1,
    120_000,
  );
  return { orderId: order.id, shipmentId: order.shipments[0]!.id };
}

/** Moves the order's shipment on, at the shipments subgraph: PICKED_UP leads to PICK_UP, DELIVERED to DELIVER. */
async function track(shipmentId: string, status: string) {
  const result = await post(
    graph.subgraphUrls.shipments,
    { query: TRACK, variables: { input: { shipmentId, status, location: LONDON } } },
    { authorization: await tokens.internal('admin') },
  );
  expect(result.errors).toBeUndefined();
}

/** Waits until the order's history holds `steps` steps, and returns it. */
async function historyOf(orderId: string, steps: number, timeoutMs = 120_000): Promise<Received[]> {
  return eventually(async () => {
    const history = await orderHistory(graph.gatewayUrl, admin, orderId);
    expect(history.length).toBeGreaterThanOrEqual(steps);
    return history;
  }, timeoutMs);
}

describe('orderUpdates through the gateway', () => {
  it('from a cursor taken midway: exactly the later steps, once, in order; a client that resubscribes with its last cursor misses nothing', async () => {
    const { orderId, shipmentId } = await confirmedOrder();
    const placedSteps = await orderHistory(graph.gatewayUrl, admin, orderId);
    expect(placedSteps.map((s) => s.id)).toEqual(['PLACE_ORDER', 'CREATE_SHIPMENT', 'RESERVE_CAPACITY']);
    const midway = placedSteps[0]!.cursor;

    // The replayed steps, then a live one.
    const first = streamSubscriber(graph.gatewayUrl, as(admin), orderStream(orderId), midway);
    await eventually(() => expect(first.received).toEqual(placedSteps.slice(1)), 60_000);
    await track(shipmentId, 'PICKED_UP');
    await eventually(() => expect(first.received.map((s) => s.id).at(-1)).toBe('PICK_UP'), 120_000);
    first.close();
    expect(first.errors).toEqual([]);

    // Gone while the order is delivered; back with its last cursor.
    for (const status of ['IN_TRANSIT', 'OUT_FOR_DELIVERY', 'DELIVERED']) await track(shipmentId, status);
    const history = await historyOf(orderId, 5);
    const again = streamSubscriber(
      graph.gatewayUrl,
      as(admin),
      orderStream(orderId),
      first.received.at(-1)!.cursor,
    );
    await expectExactlyOnce([again], eventsAfter(history, first.received.at(-1)!.cursor), 120_000);
    again.close();
    expect([...first.received, ...again.received]).toEqual(eventsAfter(history, midway));
    expect(history.map((s) => s.id)).toEqual([
      'PLACE_ORDER',
      'CREATE_SHIPMENT',
      'RESERVE_CAPACITY',
      'PICK_UP',
      'DELIVER',
    ]);
  }, 300_000);

  it('kill -9 of orders while subscribers are live: every step committed meanwhile arrives exactly once, without an error', async () => {
    const orders = [await confirmedOrder(), await confirmedOrder()];
    const starts = await Promise.all(
      orders.map(
        async ({ orderId }) => (await orderHistory(graph.gatewayUrl, admin, orderId)).at(-1)!.cursor,
      ),
    );
    const subscribers = orders.map(({ orderId }, i) =>
      Array.from({ length: 10 }, () =>
        streamSubscriber(graph.gatewayUrl, as(admin), orderStream(orderId), starts[i]!),
      ),
    );
    // A step streamed before the kill: the upstream subscriptions are live.
    await track(orders[0]!.shipmentId, 'PICKED_UP');
    await eventually(
      () => expect(Math.min(...subscribers[0]!.map((s) => s.received.length))).toBe(1),
      120_000,
    );

    await graph.processes.get('orders')!.kill();
    // While orders is away: its other order is picked up, the first one delivered.
    await track(orders[1]!.shipmentId, 'PICKED_UP');
    for (const status of ['IN_TRANSIT', 'OUT_FOR_DELIVERY', 'DELIVERED'])
      await track(orders[0]!.shipmentId, status);
    await wait(1_000);
    await graph.restart('orders');
    const [delivered, pickedUp] = [
      await historyOf(orders[0]!.orderId, 5),
      await historyOf(orders[1]!.orderId, 4),
    ];
    expect(delivered.map((s) => s.id).slice(3)).toEqual(['PICK_UP', 'DELIVER']);
    expect(pickedUp.map((s) => s.id).at(-1)).toBe('PICK_UP');

    await expectExactlyOnce(subscribers[0]!, eventsAfter(delivered, starts[0]!), 120_000);
    await expectExactlyOnce(subscribers[1]!, eventsAfter(pickedUp, starts[1]!), 120_000);
    for (const s of subscribers.flat()) s.close();
  }, 400_000);

  it("a customer follows their own order, not another customer's: NOT_FOUND, as for an order that does not exist", async () => {
    const mine = await confirmedOrder(0);
    const theirs = await confirmedOrder(1);
    const customer = await tokens.headers('customer');
    expect(TEST_CUSTOMER_ID).toBe(demoCustomerId(0));

    // Over HTTP their order is not there for this customer (the row rule: null, like an unknown id).
    const read = async (id: string) =>
      (
        await post<{ order: unknown }>(
          graph.gatewayUrl,
          { query: 'query ($id: ID!) { order(id: $id) { id } }', variables: { id } },
          customer,
        )
      ).data?.order;
    expect(await read(theirs.orderId)).toBeNull();
    expect(await read(UNKNOWN_ORDER)).toBeNull();

    const refused = async (orderId: string, after: string | null) => {
      const s = streamSubscriber(graph.gatewayUrl, as(customer), orderStream(orderId), after);
      await eventually(() => expect(s.errors.length).toBeGreaterThan(0), 60_000);
      s.close();
      expect(s.received).toEqual([]);
      return errorCodes(s.errors);
    };
    const history = await orderHistory(graph.gatewayUrl, admin, theirs.orderId);
    expect(await refused(UNKNOWN_ORDER, null)).toEqual(['NOT_FOUND']);
    expect(await refused(theirs.orderId, null)).toEqual(['NOT_FOUND']);
    expect(await refused(theirs.orderId, history[0]!.cursor)).toEqual(['NOT_FOUND']);

    // Their own order, from its first step: the rest of it, and its cancellation live.
    const own = await orderHistory(graph.gatewayUrl, admin, mine.orderId);
    const s = streamSubscriber(graph.gatewayUrl, as(customer), orderStream(mine.orderId), own[0]!.cursor);
    await eventually(() => expect(s.received).toEqual(own.slice(1)), 60_000);
    const cancelled = await post(
      graph.gatewayUrl,
      { query: CANCEL, variables: { id: mine.orderId } },
      customer,
    );
    expect(cancelled.errors).toBeUndefined();
    const after = await historyOf(mine.orderId, 4);
    expect(after.at(-1)!.id).toBe('CANCEL');
    await expectExactlyOnce([s], after.slice(1), 120_000);
    s.close();
  }, 300_000);
});
