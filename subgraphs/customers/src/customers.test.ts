import { DEMO, demoCustomerId, openStore, type Store } from '@freightgraph/platform';
import { subgraphTester, testLogger } from '@freightgraph/platform/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Context } from './context';
import { type Schema, schema } from './db/schema';
import { seed } from './db/seed';
import { customersSubgraph, migrationsFolder } from './server';

let store: Store<Schema>;
let tester: ReturnType<typeof subgraphTester<Context>>;

beforeAll(async () => {
  store = await openStore({ schema, logger: testLogger, dataDir: 'memory://', migrationsFolder });
  await seed(store.db);
  tester = subgraphTester(customersSubgraph(store, testLogger, false));
}, 180_000);

afterAll(() => store?.close());

const ENTITIES = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on Customer { id name email } }
}`;

describe('customers subgraph', () => {
  it('seeds deterministically and idempotently', async () => {
    expect(await seed(store.db)).toBe(0);
    const result = await tester.execute<{ customers: { totalCount: number } }>(
      '{ customers { totalCount } }',
    );
    expect(result.data?.customers.totalCount).toBe(DEMO.customers);
  });

  it('resolves references in one batched statement, null for unknown and malformed ids', async () => {
    const ids = [demoCustomerId(0), demoCustomerId(5), '00000000-0000-4000-8000-000000000000', 'not-a-uuid'];
    const before = store.statements();
    const result = await tester.execute<{ _entities: ({ id: string } | null)[] }>(ENTITIES, {
      representations: ids.map((id) => ({ __typename: 'Customer', id })),
    });
    expect(store.statements() - before).toBe(1);
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities.map((e) => e?.id ?? null)).toEqual([ids[0], ids[1], null, null]);
  });

  it('pages with cursors without repeats or gaps', async () => {
    const seen = new Set<string>();
    let after: string | null = null;
    for (let page = 0; page < 100; page++) {
      const result: Awaited<ReturnType<typeof tester.execute<PageData>>> = await tester.execute<PageData>(
        PAGE,
        {
          after,
        },
      );
      const connection = result.data!.customers;
      for (const edge of connection.edges) {
        expect(seen.has(edge.node.id)).toBe(false);
        seen.add(edge.node.id);
      }
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(seen.size).toBe(DEMO.customers);
  });

  it.each([
    ['first below range', '{ customers(first: 0) { totalCount } }', 'first'],
    ['first above range', '{ customers(first: 101) { totalCount } }', 'first'],
    ['malformed cursor', '{ customers(after: "garbage") { totalCount } }', 'after'],
    ['malformed id', '{ customer(id: "1; drop table customers") { id } }', 'id'],
  ])('rejects %s with BAD_USER_INPUT naming the field', async (_name, query, field) => {
    const result = await tester.execute(query);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });

  it('masks store failures as INTERNAL_SERVER_ERROR without SQL', async () => {
    const broken = await openStore({ schema, logger: testLogger, dataDir: 'memory://', migrationsFolder });
    await broken.db.execute('drop table customers');
    const result = await subgraphTester(customersSubgraph(broken, testLogger, true)).execute(
      '{ customers { totalCount } }',
    );
    await broken.close();
    expect(result.errors?.[0]).toMatchObject({
      message: 'Internal server error',
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    expect(JSON.stringify(result)).not.toMatch(/select|relation|does not exist|stacktrace/i);
  });
});

type PageData = {
  customers: {
    edges: { node: { id: string } }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
};
const PAGE = `query ($after: String) {
  customers(first: 7, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } }
}`;
