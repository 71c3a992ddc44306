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
