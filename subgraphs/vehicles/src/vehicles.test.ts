import { DEMO, demoVehicleId, openStore, type Store } from '@freightgraph/platform';
import { subgraphTester, testLogger } from '@freightgraph/platform/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Context } from './context';
import { extensions } from './db/extensions';
import { type Schema, schema, VEHICLE_STATUSES } from './db/schema';
import { seed } from './db/seed';
import { migrationsFolder, vehiclesSubgraph } from './server';

let store: Store<Schema>;
let tester: ReturnType<typeof subgraphTester<Context>>;

beforeAll(async () => {
  store = await openStore({ schema, logger: testLogger, dataDir: 'memory://', migrationsFolder, extensions });
  await seed(store.db);
  tester = subgraphTester(vehiclesSubgraph(store, testLogger, false));
}, 180_000);

afterAll(() => store?.close());

type Entity = { id: string; registration: string; position: { lat: number; lng: number } | null } | null;
const ENTITIES = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on Vehicle { id registration position { lat lng } } }
}`;

describe('vehicles subgraph: references', () => {
  it('resolves every vehicle in one statement, null for unknown and malformed ids', async () => {
    const known = Array.from({ length: DEMO.vehicles }, (_, i) => demoVehicleId(i));
    const ids = [...known, '00000000-0000-4000-8000-000000000000', 'not-a-uuid', "'; drop table vehicles"];
    const before = store.statements();
    const result = await tester.execute<{ _entities: Entity[] }>(ENTITIES, {
      representations: ids.map((id) => ({ __typename: 'Vehicle', id })),
    });
    expect(store.statements() - before).toBe(1);
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities.map((e) => e?.id ?? null)).toEqual([...known, null, null, null]);
  });

  it('finds a vehicle by an upper-case id too', async () => {
    const id = demoVehicleId(3);
    const result = await tester.execute<{ _entities: Entity[] }>(ENTITIES, {
      representations: [{ __typename: 'Vehicle', id: id.toUpperCase() }],
    });
    expect(result.data?._entities[0]?.id).toBe(id);
  });

  it('answers Query.vehicle with the row, null for an unknown id', async () => {
    const query = 'query ($id: ID!) { vehicle(id: $id) { id kind capacityKg status createdAt } }';
    const found = await tester.execute<{ vehicle: { id: string; createdAt: string } | null }>(query, {
      id: demoVehicleId(0),
    });
    expect(found.data?.vehicle).toMatchObject({ id: demoVehicleId(0) });
    expect(found.data?.vehicle?.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const missing = await tester.execute(query, { id: '00000000-0000-4000-8000-000000000000' });
    expect(missing).toEqual({ data: { vehicle: null } });
  });

  it('gives a position exactly when the vehicle reported one', async () => {
    const rows = await store.db.select().from(schema.vehicles);
    const result = await tester.execute<{ _entities: Entity[] }>(ENTITIES, {
      representations: rows.map((row) => ({ __typename: 'Vehicle', id: row.id })),
    });
    const positions = result.data!._entities.map((e) => e?.position ?? null);
    expect(positions).toEqual(rows.map((row) => (row.lat === null ? null : { lat: row.lat, lng: row.lng })));
    expect(positions.some((p) => p === null)).toBe(true);
    expect(positions.some((p) => p !== null)).toBe(true);
  });
});

type PageData = {
  vehicles: {
    totalCount: number;
    edges: { node: { id: string; status: string; createdAt: string } }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
};
const PAGE = `query ($after: String, $status: VehicleStatus) {
  vehicles(first: 7, after: $after, status: $status) {
    totalCount
    edges { node { id status createdAt } }
    pageInfo { hasNextPage endCursor }
  }
}`;

/** Walks every page, checking order and that no vehicle repeats; returns the ids in page order. */
async function walk(status: string | null): Promise<{ ids: string[]; totalCount: number }> {
  const ids: string[] = [];
  let after: string | null = null;
  let totalCount = -1;
  let previous = '';
  for (let page = 0; page < 100; page++) {
    const result: { data?: PageData | null } = await tester.execute<PageData>(PAGE, { after, status });
    const connection = result.data!.vehicles;
    totalCount = connection.totalCount;
    for (const { node } of connection.edges) {
      if (status) expect(node.status).toBe(status);
      // Newest first, then id descending among equal timestamps.
      const key = `${node.createdAt}|${node.id}`;
      if (previous) expect(key < previous).toBe(true);
      previous = key;
      ids.push(node.id);
    }
    if (!connection.pageInfo.hasNextPage) return { ids, totalCount };
    after = connection.pageInfo.endCursor;
  }
  throw new Error('paging did not end');
}

describe('vehicles subgraph: paging', () => {
  it('covers every vehicle exactly once', async () => {
    const { ids, totalCount } = await walk(null);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(DEMO.vehicles);
    expect(totalCount).toBe(DEMO.vehicles);
  });

  it('covers every vehicle of a status exactly once, and the statuses partition the fleet', async () => {
    const all = new Set<string>();
    for (const status of VEHICLE_STATUSES) {
      const { ids, totalCount } = await walk(status);
      expect(ids.length).toBeGreaterThan(0);
      expect(totalCount).toBe(ids.length);
      for (const id of ids) {
        expect(all.has(id)).toBe(false);
        all.add(id);
      }
    }
    expect(all.size).toBe(DEMO.vehicles);
  });

  it('counts only when totalCount is selected', async () => {
    const before = store.statements();
    await tester.execute('{ vehicles(first: 5) { edges { node { id } } } }');
    expect(store.statements() - before).toBe(1);
  });

  it.each([
    ['first below range', '{ vehicles(first: 0) { totalCount } }', 'first'],
    ['first above range', '{ vehicles(first: 101) { totalCount } }', 'first'],
    ['malformed cursor', '{ vehicles(after: "garbage") { totalCount } }', 'after'],
    ['malformed cursor with a status', '{ vehicles(status: AVAILABLE, after: "x") { totalCount } }', 'after'],
    ['malformed id', '{ vehicle(id: "1; drop table vehicles") { id } }', 'id'],
  ])('rejects %s with BAD_USER_INPUT naming the field', async (_name, query, field) => {
    const result = await tester.execute(query);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });
});
