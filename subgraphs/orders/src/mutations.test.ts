import {
  DEMO,
  type DemoOrderStatus,
  demoCustomerId,
  demoOrder,
  openStore,
  type Store,
} from '@freightgraph/platform';
import { subgraphTester, testLogger } from '@freightgraph/platform/testing';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Context } from './context';
import { eventOutbox, orderLines, orders, type Schema, schema } from './db/schema';
import { seed } from './db/seed';
import { migrationsFolder, ordersSubgraph } from './server';

let store: Store<Schema>;
let tester: ReturnType<typeof subgraphTester<Context>>;

beforeAll(async () => {
  store = await openStore({ schema, logger: testLogger, dataDir: 'memory://', migrationsFolder });
  await seed(store.db);
  tester = subgraphTester(ordersSubgraph(store, testLogger, false));
}, 180_000);

afterAll(() => store?.close());

async function rowCounts() {
  const [o] = await store.db.select({ n: count() }).from(orders);
  const [l] = await store.db.select({ n: count() }).from(orderLines);
  const [e] = await store.db.select({ n: count() }).from(eventOutbox);
  return { orders: o?.n, lines: l?.n, events: e?.n };
}

type PlacedOrder = {
  id: string;
  number: string;
  status: string;
  totalCents: number;
  currency: string;
  customer: { id: string };
  lines: { sku: string; description: string; quantity: number; unitPriceCents: number; totalCents: number }[];
  totalWeightKg: number;
  shippingAddress: typeof shippingAddress;
  fulfillment: { state: string; steps: { name: string; status: string; reason: string | null }[] };
};
const PLACE = `mutation ($input: PlaceOrderInput!) {
  placeOrder(input: $input) {
    id number status totalCents currency customer { id } totalWeightKg
    lines { sku description quantity unitPriceCents unitWeightGrams totalCents }
    shippingAddress { lines city postalCode country location { lat lng } }
    fulfillment { state steps { name status reason } }
  }
}`;
const CANCEL = 'mutation ($id: ID!) { cancelOrder(id: $id) { id status } }';

const customerId = demoCustomerId(42);
const line = {
  sku: 'PAL-EUR-1200',
  description: 'EUR pallet',
  quantity: 12,
  unitPriceCents: 1_450,
  unitWeightGrams: 25_000,
};
const shippingAddress = {
  lines: ['Unit 4, Trafford Park'],
  city: 'Manchester',
  postalCode: 'M17 1AA',
  country: 'GB',
  location: { lat: 53.4668, lng: -2.3183 },
};
const place = (input: Record<string, unknown>) =>
  tester.execute<{ placeOrder: PlacedOrder }>(PLACE, {
    input: { customerId, lines: [line], shippingAddress, ...input },
  });

describe('placeOrder', () => {
  it('places a PENDING order with its lines and a fresh number', async () => {
    const before = await rowCounts();
    const lines = [
      line,
      { sku: 'BOX-DW-600', description: 'Carton', quantity: 3, unitPriceCents: 185, unitWeightGrams: 900 },
    ];
    const first = await place({ lines });
    const second = await place({});
    expect(first.errors).toBeUndefined();
    const order = first.data!.placeOrder;
    expect(order).toMatchObject({
      status: 'PENDING',
      currency: 'EUR',
      totalCents: 12 * 1_450 + 3 * 185,
      customer: { id: customerId },
      lines: lines.map((l) => ({ ...l, totalCents: l.quantity * l.unitPriceCents })),
      totalWeightKg: 12 * 25 + 3 * 0.9,
      shippingAddress,
      fulfillment: {
        state: 'AWAITING_SHIPMENT',
        steps: [{ name: 'PLACE_ORDER', status: 'DONE', reason: null }],
      },
    });
    const number = Number(order.number.replace(/^FG-/, ''));
    expect(number).toBeGreaterThan(100_000 + DEMO.orders);
    expect(second.data?.placeOrder.number).not.toBe(order.number);
    expect(await rowCounts()).toEqual({
      orders: before.orders! + 2,
      lines: before.lines! + 3,
      events: before.events! + 2,
    });
    const [placed] = await store.db.select().from(eventOutbox).where(eq(eventOutbox.aggregateId, order.id));
    expect(placed).toMatchObject({ type: 'orders.OrderPlaced', version: 1, correlationId: order.id });
    expect((placed!.envelope as { payload: unknown }).payload).toMatchObject({
      orderId: order.id,
      customerId,
      totalWeightKg: order.totalWeightKg,
      shippingAddress,
      lines: [
        { sku: 'PAL-EUR-1200', quantity: 12, unitWeightGrams: 25_000 },
        { sku: 'BOX-DW-600', quantity: 3, unitWeightGrams: 900 },
      ],
    });

    const read = await tester.execute<{ order: PlacedOrder }>(
      `{ order(id: "${order.id}") { id number status totalCents customer { id } lines { sku quantity } } }`,
    );
    expect(read.data?.order).toMatchObject({
      number: order.number,
      status: 'PENDING',
      totalCents: order.totalCents,
    });
    const listed = await tester.execute<{ orders: { edges: { node: { id: string } }[] } }>(
      `{ orders(first: 2, customerId: "${customerId}") { edges { node { id } } } }`,
    );
    expect(listed.data?.orders.edges.map((e) => e.node.id)).toContain(order.id);
  });

  const tooLong = (n: number) => 'x'.repeat(n);
  it.each([
    ['malformed customer id', { customerId: 'customer-42' }, 'input.customerId'],
    ['no lines', { lines: [] }, 'input.lines'],
    ['51 lines', { lines: Array.from({ length: 51 }, () => line) }, 'input.lines'],
    ['empty sku', { lines: [{ ...line, sku: '' }] }, 'input.lines.0.sku'],
    ['sku over 64 characters', { lines: [line, { ...line, sku: tooLong(65) }] }, 'input.lines.1.sku'],
    ['empty description', { lines: [{ ...line, description: '' }] }, 'input.lines.0.description'],
    [
      'description over 200',
      { lines: [{ ...line, description: tooLong(201) }] },
      'input.lines.0.description',
    ],
    ['zero quantity', { lines: [{ ...line, quantity: 0 }] }, 'input.lines.0.quantity'],
    ['quantity over 10000', { lines: [line, line, { ...line, quantity: 10_001 }] }, 'input.lines.2.quantity'],
    ['negative price', { lines: [{ ...line, unitPriceCents: -1 }] }, 'input.lines.0.unitPriceCents'],
    [
      'price over 100000000',
      { lines: [{ ...line, unitPriceCents: 100_000_001 }] },
      'input.lines.0.unitPriceCents',
    ],
    [
      'total beyond Int',
      { lines: [{ ...line, quantity: 10_000, unitPriceCents: 100_000_000 }] },
      'input.lines',
    ],
    ['negative weight', { lines: [{ ...line, unitWeightGrams: -1 }] }, 'input.lines.0.unitWeightGrams'],
    [
      'unit over a tonne',
      { lines: [{ ...line, unitWeightGrams: 1_000_001 }] },
      'input.lines.0.unitWeightGrams',
    ],
    [
      'order over 100 tonnes',
      { lines: [{ ...line, quantity: 101, unitWeightGrams: 1_000_000 }] },
      'input.lines',
    ],
    [
      'no address lines',
      { shippingAddress: { ...shippingAddress, lines: [] } },
      'input.shippingAddress.lines',
    ],
    [
      'empty address line',
      { shippingAddress: { ...shippingAddress, lines: [''] } },
      'input.shippingAddress.lines.0',
    ],
    ['empty city', { shippingAddress: { ...shippingAddress, city: '' } }, 'input.shippingAddress.city'],
    [
      'long postal code',
      { shippingAddress: { ...shippingAddress, postalCode: tooLong(21) } },
      'input.shippingAddress.postalCode',
    ],
    [
      'lower-case country',
      { shippingAddress: { ...shippingAddress, country: 'gb' } },
      'input.shippingAddress.country',
    ],
    [
      'latitude beyond 90',
      { shippingAddress: { ...shippingAddress, location: { lat: 91, lng: 0 } } },
      'input.shippingAddress.location.lat',
    ],
  ])('rejects %s with BAD_USER_INPUT naming the field, writing nothing', async (_name, input, field) => {
    const before = await rowCounts();
    const result = await place(input);
    expect(result.data).toBeNull();
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(await rowCounts()).toEqual(before);
  });

  it('accepts the limits themselves', async () => {
    const edge = {
      sku: tooLong(64),
      description: tooLong(200),
      quantity: 10_000,
      unitPriceCents: 0,
      unitWeightGrams: 0,
    };
    const result = await place({ lines: Array.from({ length: 50 }, () => edge) });
    expect(result.errors).toBeUndefined();
    expect(result.data?.placeOrder.lines).toHaveLength(50);
  });
});

const DEMO_ORDERS = Array.from({ length: DEMO.orders }, (_, i) => demoOrder(i));
const demoWith = (status: DemoOrderStatus, skip = 0) => DEMO_ORDERS.filter((o) => o.status === status)[skip]!;
const statusOf = async (id: string) =>
  (await store.db.select({ status: orders.status }).from(orders).where(eq(orders.id, id)))[0]?.status;

describe('cancelOrder', () => {
  it.each(['PENDING', 'CONFIRMED'] as const)('cancels a %s order', async (status) => {
    const { id } = demoWith(status);
    const result = await tester.execute<{ cancelOrder: { id: string; status: string } }>(CANCEL, { id });
    expect(result.errors).toBeUndefined();
    expect(result.data?.cancelOrder).toEqual({ id, status: 'CANCELLED' });
    expect(await statusOf(id)).toBe('CANCELLED');
    // The shipments context stops its shipments (and vehicles release their capacity) on this event.
    const written = await store.db.select().from(eventOutbox).where(eq(eventOutbox.aggregateId, id));
    expect(
      written.map((e) => [
        e.type,
        (e.envelope as { payload: { previousStatus: string } }).payload.previousStatus,
      ]),
    ).toEqual([['orders.OrderCancelled', status]]);
  });

  it.each(['SHIPPED', 'DELIVERED', 'CANCELLED'] as const)(
    'refuses a %s order with BAD_USER_INPUT on id, leaving it as it was',
    async (status) => {
      const { id } = demoWith(status, 1);
      const result = await tester.execute(CANCEL, { id });
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
      expect(await statusOf(id)).toBe(status);
      expect(await store.db.select().from(eventOutbox).where(eq(eventOutbox.aggregateId, id))).toEqual([]);
    },
  );

  it('answers NOT_FOUND for an unknown order and BAD_USER_INPUT for a malformed id', async () => {
    const unknown = await tester.execute(CANCEL, { id: '00000000-0000-4000-8000-000000000000' });
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND' });
    const malformed = await tester.execute(CANCEL, { id: 'FG-100001' });
    expect(malformed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
  });

  it('lets exactly one of two concurrent cancels win', async () => {
    const placed = await place({});
    const id = placed.data!.placeOrder.id;
    const results = await Promise.all([tester.execute(CANCEL, { id }), tester.execute(CANCEL, { id })]);
    expect(results.filter((r) => r.errors === undefined)).toHaveLength(1);
    expect(results.flatMap((r) => r.errors ?? []).map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    expect(await statusOf(id)).toBe('CANCELLED');
  });
});
