import { DEMO, demoCustomerId, demoOrder, openStore, type Store } from '@freightgraph/platform';
import { subgraphTester, testLogger } from '@freightgraph/platform/testing';
import { asc, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Context } from './context';
import { orderLines, orders, type Schema, schema } from './db/schema';
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

/** Runs an operation and returns how many SQL statements it cost. */
async function measured<T>(query: string, variables?: Record<string, unknown>) {
  const before = store.statements();
  const result = await tester.execute<T>(query, variables);
  return { result, statements: store.statements() - before };
}

const UNKNOWN = '00000000-0000-4000-8000-000000000000';
const DEMO_ORDERS = Array.from({ length: DEMO.orders }, (_, i) => demoOrder(i));

describe('seed', () => {
  it('writes the demo world, and nothing on a second run', async () => {
    expect(await seed(store.db)).toBe(0);
    const rows = await store.db.select().from(orders).orderBy(asc(orders.number));
    expect(rows).toHaveLength(DEMO.orders);
    rows.forEach((row, i) => {
      const demo = DEMO_ORDERS[i]!;
      expect(row).toMatchObject({
        id: demo.id,
        number: demo.number,
        customerId: demo.customerId,
        status: demo.status,
        createdAt: demo.createdAt,
        currency: 'EUR',
      });
    });
  });

  it('gives each order 1–4 lines whose sum is the order total, the same on every run', async () => {
    const sums = await store.db
      .select({ orderId: orderLines.orderId, lines: count(), totalCents: orders.totalCents })
      .from(orderLines)
      .innerJoin(orders, eq(orders.id, orderLines.orderId))
      .groupBy(orderLines.orderId, orders.totalCents);
    expect(sums).toHaveLength(DEMO.orders);
    for (const row of sums) expect(row.lines).toBeGreaterThanOrEqual(1);
    for (const row of sums) expect(row.lines).toBeLessThanOrEqual(4);
    const lines = await store.db.select().from(orderLines);
    const computed = new Map<string, number>();
    for (const line of lines) {
      computed.set(line.orderId, (computed.get(line.orderId) ?? 0) + line.quantity * line.unitPriceCents);
    }
    for (const row of sums) expect(computed.get(row.orderId)).toBe(row.totalCents);
    // A fingerprint of the generated lines: changes only when the seed's catalogue or RNG use does.
    expect(lines.length).toBe(5_984);
    expect([...computed.values()].reduce((a, b) => a + b, 0)).toBe(1_820_083_032);
  });

  it('resumes a partial seed, inserting only what is missing', async () => {
    const last = demoOrder(DEMO.orders - 1);
    await store.db.delete(orders).where(eq(orders.id, last.id));
    expect(await seed(store.db)).toBe(1);
    const result = await tester.execute<{ order: { number: string; lines: unknown[] } }>(
      `{ order(id: "${last.id}") { number lines { sku } } }`,
    );
    expect(result.data?.order.number).toBe(last.number);
    expect(result.data?.order.lines.length).toBeGreaterThan(0);
  });
});

const ORDER_ENTITIES = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on Order { id number status totalCents customer { id } } }
}`;

describe('Order references', () => {
  it('resolve in one statement, null for unknown and malformed ids', async () => {
    const ids = [demoOrder(3).id, demoOrder(7).id.toUpperCase(), UNKNOWN, 'not-a-uuid', demoOrder(3).id];
    const { result, statements } = await measured<{ _entities: ({ id: string } | null)[] }>(ORDER_ENTITIES, {
      representations: ids.map((id) => ({ __typename: 'Order', id })),
    });
    expect(statements).toBe(1);
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities.map((e) => e?.id ?? null)).toEqual([
      demoOrder(3).id,
      demoOrder(7).id,
      null,
      null,
      demoOrder(3).id,
    ]);
    expect(result.data?._entities[0]).toMatchObject({ customer: { id: demoOrder(3).customerId } });
  });

  it('load the lines of many orders in one more statement', async () => {
    const query = `query ($representations: [_Any!]!) {
      _entities(representations: $representations) { ... on Order { id totalCents lines { quantity unitPriceCents totalCents } } }
    }`;
    type Data = {
      _entities: {
        totalCents: number;
        lines: { quantity: number; unitPriceCents: number; totalCents: number }[];
      }[];
    };
    const cost = async (n: number) => {
      const representations = Array.from({ length: n }, (_, i) => ({
        __typename: 'Order',
        id: demoOrder(i).id,
      }));
      return measured<Data>(query, { representations });
    };
    const [few, many] = [await cost(5), await cost(50)];
    expect(few.statements).toBe(2);
    expect(many.statements).toBe(2);
    for (const order of many.result.data!._entities) {
      for (const line of order.lines) expect(line.totalCents).toBe(line.quantity * line.unitPriceCents);
      expect(order.lines.reduce((sum, line) => sum + line.totalCents, 0)).toBe(order.totalCents);
    }
  });
});

type Page = {
  totalCount: number;
  edges: { cursor: string; node: { id: string; createdAt: string; customer: { id: string } } }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
};
const PAGE_FIELDS =
  'totalCount edges { cursor node { id createdAt customer { id } } } pageInfo { hasNextPage endCursor }';
const CUSTOMER_ORDERS = `query ($representations: [_Any!]!, $first: Int, $after: String) {
  _entities(representations: $representations) {
    ... on Customer { id orders(first: $first, after: $after) { ${PAGE_FIELDS} edges { node { lines { sku } } } } }
  }
}`;
type CustomerData = { _entities: ({ id: string; orders: Page } | null)[] };
const customers = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ __typename: 'Customer', id: demoCustomerId(i) }));
const ORDERS_BY_CUSTOMER = `query ($customerId: ID, $first: Int, $after: String) {
  orders(customerId: $customerId, first: $first, after: $after) { ${PAGE_FIELDS} }
}`;

describe('Customer.orders', () => {
  it('costs the same statements for 5 and 50 customers, each getting only their own orders', async () => {
    const few = await measured<CustomerData>(CUSTOMER_ORDERS, { representations: customers(5), first: 3 });
    const many = await measured<CustomerData>(CUSTOMER_ORDERS, { representations: customers(50), first: 3 });
    expect(many.result.errors).toBeUndefined();
    expect(few.statements).toBe(3); // page, count, lines
    expect(many.statements).toBe(few.statements);
    for (const [i, customer] of many.result.data!._entities.entries()) {
      const expected = DEMO_ORDERS.filter((order) => order.customerId === demoCustomerId(i));
      expect(customer?.orders.totalCount).toBe(expected.length);
      expect(customer?.orders.edges.length).toBe(Math.min(3, expected.length));
      expect(customer?.orders.pageInfo.hasNextPage).toBe(expected.length > 3);
      for (const edge of customer!.orders.edges) expect(edge.node.customer.id).toBe(demoCustomerId(i));
    }
  });

  it('agrees with orders(customerId:) page by page', async () => {
    for (const i of [0, 1, 17]) {
      const customerId = demoCustomerId(i);
      let after: string | null = null;
      do {
        const variables: Record<string, unknown> = { first: 4, after };
        const viaEntity = await tester.execute<CustomerData>(CUSTOMER_ORDERS, {
          ...variables,
          representations: [{ __typename: 'Customer', id: customerId }],
        });
        const viaQuery = await tester.execute<{ orders: Page }>(ORDERS_BY_CUSTOMER, {
          ...variables,
          customerId,
        });
        const page: Page = viaQuery.data!.orders;
        expect(viaEntity.data?._entities[0]?.orders).toMatchObject(page);
        after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      } while (after);
    }
  });

  it('runs one query per distinct page shape, and none for malformed customer keys', async () => {
    const query = `query ($representations: [_Any!]!) {
      _entities(representations: $representations) {
        ... on Customer { small: orders(first: 1) { edges { node { id } } } large: orders(first: 5) { edges { node { id } } } }
      }
    }`;
    const representations = [...customers(10), { __typename: 'Customer', id: 'nope' }];
    const { result, statements } = await measured<{ _entities: unknown[] }>(query, { representations });
    expect(result.errors).toBeUndefined();
    expect(statements).toBe(2);
    expect(result.data?._entities.at(-1)).toBeNull();
  });
});

describe('Query.orders', () => {
  it('pages through every order newest first, without repeats', async () => {
    const seen = new Set<string>();
    let previous: string | null = null;
    let after: string | null = null;
    for (let page = 0; page < 100; page++) {
      const result: { data?: { orders: Page } | null } = await tester.execute<{ orders: Page }>(
        `query ($after: String) { orders(first: 37, after: $after) { ${PAGE_FIELDS} } }`,
        { after },
      );
      const connection = result.data!.orders;
      for (const { node } of connection.edges) {
        expect(seen.has(node.id)).toBe(false);
        if (previous) expect(node.createdAt <= previous).toBe(true);
        previous = node.createdAt;
        seen.add(node.id);
      }
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(seen.size).toBe(DEMO.orders);
  });

  it('filters by status, counting with the same filter', async () => {
    const delivered = DEMO_ORDERS.filter(
      (order) => order.status === 'DELIVERED' && order.customerId === demoCustomerId(2),
    );
    const result = await tester.execute<{
      orders: { totalCount: number; edges: { node: { status: string } }[] };
    }>(
      `{ orders(first: 100, status: DELIVERED, customerId: "${demoCustomerId(2)}") { totalCount edges { node { status } } } }`,
    );
    expect(result.data?.orders.totalCount).toBe(delivered.length);
    expect(result.data?.orders.edges.map((e) => e.node.status)).toEqual(delivered.map(() => 'DELIVERED'));
  });

  it('returns null for an unknown order and an empty page for an unknown customer', async () => {
    const result = await tester.execute<{ order: null; orders: { totalCount: number } }>(
      `{ order(id: "${UNKNOWN}") { id } orders(customerId: "${UNKNOWN}") { totalCount edges { cursor } } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ order: null, orders: { totalCount: 0, edges: [] } });
  });

  it.each([
    ['first below range', '{ orders(first: 0) { totalCount } }', 'first'],
    ['first above range', '{ orders(first: 101) { totalCount } }', 'first'],
    ['malformed cursor', '{ orders(after: "garbage") { totalCount } }', 'after'],
    ['malformed customer id', '{ orders(customerId: "42") { totalCount } }', 'customerId'],
    ['malformed order id', '{ order(id: "1; drop table orders") { id } }', 'id'],
  ])('rejects %s with BAD_USER_INPUT naming the field', async (_name, query, field) => {
    const result = await tester.execute(query);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });
});
