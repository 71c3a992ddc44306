import { createLogger, createServiceMetrics, ROLE_SCOPES, type Viewer } from '@freightgraph/platform';
import { buildSchema } from 'graphql';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  accessScope,
  createEntityCache,
  type EntityCache,
  entityCacheMetrics,
  uuidsIn,
} from './entity-cache';
import { createMemoryStore, type EntityStore } from './store';
import { createTtlReader } from './ttl';

const schema = buildSchema(`
  type Location { lat: Float! lng: Float! }
  type TrackingEvent { id: ID! status: String! }
  type Customer { id: ID! name: String! email: String }
  type Shipment { id: ID! status: String! lastLocation: Location latestEvent: TrackingEvent trackingNumber: String! }
  type Vehicle { id: ID! registration: String! position: Location }
  type Query { customer(id: ID!): Customer }
`);

const CUSTOMER_A = '00000000-0000-4000-8000-00000000000a';
const CUSTOMER_B = '00000000-0000-4000-8000-00000000000b';
const CUSTOMERS_QUERY =
  'query($representations:[_Any!]!){_entities(representations:$representations){...on Customer{name email}}}';
const customerA: Viewer = {
  sub: 'a',
  role: 'customer',
  scopes: ROLE_SCOPES.customer,
  customerId: CUSTOMER_A,
};
const customerB: Viewer = {
  sub: 'b',
  role: 'customer',
  scopes: ROLE_SCOPES.customer,
  customerId: CUSTOMER_B,
};
const dispatcher: Viewer = { sub: 'd', role: 'dispatcher', scopes: ROLE_SCOPES.dispatcher };
const rep = (id: string) => ({ __typename: 'Customer', id });
const namesIn = (response: { data?: Record<string, unknown> | null }) =>
  ((response.data?._entities ?? []) as { name: string }[]).map((e) => e.name);

describe('TTL from hints', () => {
  const ttls = createTtlReader(60);
  ttls.schemaChanged(schema);

  it('takes the smallest hint of the type and the fields it reaches', () => {
    const query = (selection: string) =>
      `query($representations:[_Any!]!){_entities(representations:$representations){...on Shipment{${selection}}}}`;
    expect(ttls.ttlByType(query('trackingNumber'))?.get('Shipment')).toBe(60);
    expect(ttls.ttlByType(query('status'))?.get('Shipment')).toBe(30);
    expect(ttls.ttlByType(query('trackingNumber latestEvent { status }'))?.get('Shipment')).toBe(5);
    expect(ttls.ttlByType(query('lastLocation { lat }'))?.get('Shipment')).toBe(5);
  });

  it('never caches vehicle positions, and caches nothing but _entities fetches', () => {
    const vehicle = `query($representations:[_Any!]!){_entities(representations:$representations){...on Vehicle{registration position { lat lng }}}}`;
    expect(ttls.ttlByType(vehicle)?.get('Vehicle')).toBe(0);
    expect(ttls.ttlByType('query { customer(id: "x") { name } }')).toBeUndefined();
    expect(ttls.ttlByType('mutation { x }')).toBeUndefined();
  });
});

describe('entity cache', () => {
  let store: EntityStore;
  let cache: EntityCache;
  let sent: unknown[][];
  const names: Record<string, string> = { [CUSTOMER_A]: 'Ada', [CUSTOMER_B]: 'Bob' };

  const send = async (reps: Record<string, unknown>[]) => {
    sent.push(reps);
    return { data: { _entities: reps.map((r) => ({ name: names[String(r.id)], email: `${r.id}@x` })) } };
  };
  const fetchAs = (viewer: Viewer, ids: string[]) =>
    cache.fetch(
      {
        subgraph: 'customers',
        query: CUSTOMERS_QUERY,
        representations: ids.map(rep),
        variables: {},
        viewer,
        forwarded: {},
      },
      send,
    );

  beforeEach(() => {
    sent = [];
    store = createMemoryStore(1024 * 1024, { evicted: () => {}, invalidated: () => {} });
    cache = createEntityCache({
      store,
      defaultTtlSeconds: 60,
      metrics: entityCacheMetrics(createServiceMetrics({ service: 'test' })),
      logger: createLogger('test', 'silent'),
    });
    cache.schemaChanged(schema);
  });

  it('answers a repeated fetch from the cache, a copy each time', async () => {
    const first = await fetchAs(dispatcher, [CUSTOMER_A]);
    const second = await fetchAs(dispatcher, [CUSTOMER_A]);
    expect(second).toEqual(first);
    expect(sent).toHaveLength(1);
    const edited = (second.data?._entities ?? []) as { name: string }[];
    edited[0]!.name = 'edited by the gateway';
    const third = await fetchAs(dispatcher, [CUSTOMER_A]);
    expect(namesIn(third)).toEqual(['Ada']);
  });

  it('sends only the misses, and puts the answers back in order', async () => {
    await fetchAs(dispatcher, [CUSTOMER_B]);
    const both = await fetchAs(dispatcher, [CUSTOMER_A, CUSTOMER_B]);
    expect(sent[1]).toEqual([rep(CUSTOMER_A)]);
    expect(namesIn(both)).toEqual(['Ada', 'Bob']);
  });

  it('never serves one access scope what was cached for another', async () => {
    await fetchAs(customerA, [CUSTOMER_A]);
    await fetchAs(customerB, [CUSTOMER_A]);
    await fetchAs(dispatcher, [CUSTOMER_A]);
    expect(sent).toHaveLength(3);
    expect(accessScope(customerA)).not.toBe(accessScope(customerB));
  });

  it('keys by the other variables of a fetch (field arguments)', async () => {
    const withFirst = (first: number) =>
      cache.fetch(
        {
          subgraph: 'customers',
          query: CUSTOMERS_QUERY,
          representations: [rep(CUSTOMER_A)],
          variables: { first },
          viewer: dispatcher,
          forwarded: {},
        },
        send,
      );
    await withFirst(1);
    await withFirst(2);
    await withFirst(1);
    expect(sent).toHaveLength(2);
  });

  it('evicts every entry showing a changed id', async () => {
    await fetchAs(dispatcher, [CUSTOMER_A, CUSTOMER_B]);
    await cache.evict([CUSTOMER_A.toUpperCase()]);
    await fetchAs(dispatcher, [CUSTOMER_A, CUSTOMER_B]);
    expect(sent[1]).toEqual([rep(CUSTOMER_A)]);
  });

  it('does not store what was fetched before an eviction of it', async () => {
    let release: () => void = () => {};
    const slow = cache.fetch(
      {
        subgraph: 'customers',
        query: CUSTOMERS_QUERY,
        representations: [rep(CUSTOMER_A)],
        variables: {},
        viewer: dispatcher,
        forwarded: {},
      },
      async (reps) => {
        await new Promise<void>((resolve) => {
          release = resolve;
        });
        return send(reps);
      },
    );
    await new Promise((resolve) => setTimeout(resolve, 5));
    await cache.evict([CUSTOMER_A]);
    release();
    await slow;
    await fetchAs(dispatcher, [CUSTOMER_A]);
    expect(sent).toHaveLength(2);
  });

  it('does not cache an entity answered with an error, and maps error paths to the full list', async () => {
    await fetchAs(dispatcher, [CUSTOMER_B]);
    const failing = await cache.fetch(
      {
        subgraph: 'customers',
        query: CUSTOMERS_QUERY,
        representations: [rep(CUSTOMER_B), rep(CUSTOMER_A)],
        variables: {},
        viewer: dispatcher,
        forwarded: {},
      },
      async () => ({
        data: { _entities: [null] },
        errors: [{ message: 'no', path: ['_entities', 0, 'name'] }],
      }),
    );
    expect(failing.errors?.[0]?.path).toEqual(['_entities', 1, 'name']);
    await fetchAs(dispatcher, [CUSTOMER_A]);
    expect(sent.at(-1)).toEqual([rep(CUSTOMER_A)]);
  });

  it('finds every UUID an entry shows, for its tags', () => {
    expect([...uuidsIn({ a: [{ id: CUSTOMER_A }], b: 'not-a-uuid', c: { d: CUSTOMER_B } })]).toEqual([
      CUSTOMER_A,
      CUSTOMER_B,
    ]);
  });
});

describe('root fetches', () => {
  const rootSchema = buildSchema(`
    type Customer { id: ID! name: String! }
    type Order { id: ID! number: String! status: String! customer: Customer! }
    type OrderEdge { node: Order! }
    type OrderConnection { totalCount: Int! edges: [OrderEdge!]! }
    type Vehicle { id: ID! registration: String! position: String }
    type Query {
      order(id: ID!): Order
      orders(status: String, customerId: ID): OrderConnection!
      vehicles: [Vehicle!]!
    }
    type Mutation { placeOrder(customerId: ID!): Order! }
  `);
  const ORDER_1 = '00000000-0000-4000-8000-000000000001';
  const ORDER_2 = '00000000-0000-4000-8000-000000000002';
  const LIST =
    'query($status:String){orders(status:$status){totalCount edges{node{id number customer{__typename id}}}}}';
  const ONE = 'query($id:ID!){order(id:$id){id number}}';
  let cache: EntityCache;
  let orders: { id: string; number: string; status: string }[];
  let sent: number;

  const send = (query: string, variables: Record<string, unknown>) => async () => {
    sent++;
    if (query === ONE) {
      const order = orders.find((o) => o.id === variables.id);
      return { data: { order: order ? { id: order.id, number: order.number } : null } };
    }
    const nodes = orders.filter((o) => o.status === variables.status);
    return {
      data: {
        orders: {
          totalCount: nodes.length,
          edges: nodes.map((o) => ({
            node: { id: o.id, number: o.number, customer: { __typename: 'Customer', id: CUSTOMER_A } },
          })),
        },
      },
    };
  };
  const read = (query: string, variables: Record<string, unknown>, viewer: Viewer = dispatcher) =>
    cache.fetchRoot({ subgraph: 'orders', query, variables, viewer, forwarded: {} }, send(query, variables));
  const idsIn = (response: { data?: Record<string, unknown> | null }) =>
    ((response.data?.orders ?? { edges: [] }) as { edges: { node: { id: string } }[] }).edges.map(
      (e) => e.node.id,
    );

  beforeEach(() => {
    sent = 0;
    orders = [{ id: ORDER_1, number: 'O-1', status: 'PENDING' }];
    cache = createEntityCache({
      store: createMemoryStore(1024 * 1024, { evicted: () => {}, invalidated: () => {} }),
      defaultTtlSeconds: 60,
      metrics: entityCacheMetrics(createServiceMetrics({ service: 'test' })),
      logger: createLogger('test', 'silent'),
    });
    cache.schemaChanged(rootSchema);
  });

  it('plans a list root field with the types its entries show, a single one without', () => {
    const ttls = createTtlReader(60);
    ttls.schemaChanged(rootSchema);
    expect(ttls.rootPlan(LIST)).toEqual({
      ttlSeconds: 60,
      fields: ['orders'],
      listTypes: ['Customer', 'Order'],
    });
    expect(ttls.rootPlan(ONE)).toEqual({ ttlSeconds: 60, fields: ['order'], listTypes: [] });
    expect(ttls.rootPlan('{ mine: vehicles { registration } }')).toMatchObject({
      fields: ['mine'],
      listTypes: ['Vehicle'],
    });
    // Positions are never cached; nor is anything but a query of root fields.
    expect(ttls.rootPlan('{ vehicles { registration position } }')).toBeUndefined();
    expect(ttls.rootPlan('mutation { placeOrder(customerId: "x") { id } }')).toBeUndefined();
    expect(ttls.rootPlan(CUSTOMERS_QUERY)).toBeUndefined();
    expect(ttls.typesWritten('mutation { placeOrder(customerId: "x") { id } }')).toEqual(['Order']);
  });

  it('answers a repeated root fetch from the cache, a copy each time, per variables and access scope', async () => {
    const first = await read(LIST, { status: 'PENDING' });
    (first.data?.orders as { totalCount: number }).totalCount = 99;
    const second = await read(LIST, { status: 'PENDING' });
    expect(sent).toBe(1);
    expect(second.data?.orders).toMatchObject({ totalCount: 1 });
    await read(LIST, { status: 'SHIPPED' });
    await read(LIST, { status: 'PENDING' }, customerA);
    expect(sent).toBe(3);
  });

  it('evicts a list when any entity of its type changes, even one it did not show', async () => {
    await read(LIST, { status: 'PENDING' });
    await read(ONE, { id: ORDER_1 });
    orders.push({ id: ORDER_2, number: 'O-2', status: 'PENDING' });
    // An id the list does not show: the list stays (and is now old) until its type is named.
    await cache.evict([ORDER_2]);
    expect(idsIn(await read(LIST, { status: 'PENDING' }))).toEqual([ORDER_1]);
    await cache.evict([ORDER_2], ['Order']);
    expect(idsIn(await read(LIST, { status: 'PENDING' }))).toEqual([ORDER_1, ORDER_2]);
    // A single order by id is not a list: a change to another order leaves it cached.
    const before = sent;
    await read(ONE, { id: ORDER_1 });
    expect(sent).toBe(before);
    orders[0]!.number = 'O-1b';
    await cache.evict([ORDER_1]);
    expect((await read(ONE, { id: ORDER_1 })).data).toEqual({ order: { id: ORDER_1, number: 'O-1b' } });
  });

  it('does not cache a null root field or an answer with errors', async () => {
    await read(ONE, { id: ORDER_2 });
    orders.push({ id: ORDER_2, number: 'O-2', status: 'PENDING' });
    expect((await read(ONE, { id: ORDER_2 })).data).toEqual({ order: { id: ORDER_2, number: 'O-2' } });
    const failing = async () => ({
      data: { order: { id: ORDER_1, number: 'x' } },
      errors: [{ message: 'no' }],
    });
    const variables = { id: ORDER_1 };
    await cache.fetchRoot(
      { subgraph: 'orders', query: ONE, variables, viewer: dispatcher, forwarded: {} },
      failing,
    );
    await read(ONE, variables);
    expect(sent).toBe(3);
  });

  it('does not store a list fetched before a change to its type', async () => {
    let release: () => void = () => {};
    const slow = cache.fetchRoot(
      {
        subgraph: 'orders',
        query: LIST,
        variables: { status: 'PENDING' },
        viewer: dispatcher,
        forwarded: {},
      },
      async () => {
        await new Promise<void>((resolve) => {
          release = resolve;
        });
        return send(LIST, { status: 'PENDING' })();
      },
    );
    await new Promise((resolve) => setTimeout(resolve, 5));
    orders.push({ id: ORDER_2, number: 'O-2', status: 'PENDING' });
    await cache.evict([ORDER_2], ['Order']);
    release();
    expect(idsIn(await slow)).toEqual([ORDER_1, ORDER_2]);
    await read(LIST, { status: 'PENDING' });
    expect(sent).toBe(2);
  });
});
