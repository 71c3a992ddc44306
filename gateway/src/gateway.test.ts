import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createInternalTokenVerifier,
  ensureDevKey,
  publicJwks,
  type RunningService,
} from '@freightgraph/platform';
import { CleanupStack, testTokens } from '@freightgraph/platform/testing';
import { GraphQLError, parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from './config';
import { startGateway } from './server';
import {
  composeSupergraph,
  eventually,
  type LogLine,
  post,
  recordingLogger,
  type StandIn,
  startStandIn,
} from './testing/stand-in';

// Tier two: the real gateway in-process over two tiny real subgraphs, composed here, so the gateway is
// proven against a supergraph that is not ours. Fields are nullable so a failed subgraph leaves partial
// data (a non-null field would null its parent, per the GraphQL spec).
const customersSdl = (withTier: boolean) =>
  parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Customer @key(fields: "id") {
    id: ID!
    name: String!
    ${withTier ? 'tier: String' : ''}
  }
  type Query {
    customers: [Customer!]
  }
`);

const ordersSdl = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Order @key(fields: "id") {
    id: ID!
    number: String!
  }
  type Customer @key(fields: "id") {
    id: ID!
    orders: [Order!]
  }
  type Query {
    orders: [Order!]
    slowOrders: [Order!]
    missingOrder: Order
  }
`);

const ORDERS = [
  { id: 'o1', number: 'FG-1', customerId: 'c1' },
  { id: 'o2', number: 'FG-2', customerId: 'c2' },
  { id: 'o3', number: 'FG-3', customerId: 'c1' },
];

const customersResolvers = {
  Query: {
    customers: () => [
      { id: 'c1', name: 'Ada', tier: 'gold' },
      { id: 'c2', name: 'Grace', tier: 'silver' },
    ],
  },
};

const ordersResolvers = {
  Query: {
    orders: () => ORDERS,
    slowOrders: async () => {
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      return ORDERS;
    },
    missingOrder: () => {
      throw new GraphQLError('order 42 not found', { extensions: { code: 'NOT_FOUND', id: '42' } });
    },
  },
  Customer: {
    orders: (customer: { id: string }) => ORDERS.filter((o) => o.customerId === customer.id),
  },
};

const cleanup = new CleanupStack();
const log = recordingLogger();
let dir: string;
let supergraphPath: string;
let customers: StandIn;
let orders: StandIn;
let gateway: RunningService;
let graphqlUrl: string;

const startOrders = (port?: number) =>
  startStandIn({ name: 'orders', typeDefs: ordersSdl, resolvers: ordersResolvers, port });

function supergraph(withTier: boolean): string {
  return composeSupergraph([
    { name: 'customers', url: customers.url, typeDefs: customersSdl(withTier) },
    { name: 'orders', url: orders.url, typeDefs: ordersSdl },
  ]);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gateway-test-'));
  cleanup.defer(() => rm(dir, { recursive: true, force: true }));
  customers = await startStandIn({
    name: 'customers',
    typeDefs: customersSdl(true),
    resolvers: customersResolvers,
  });
  cleanup.defer(() => customers.kill());
  orders = await startOrders();
  cleanup.defer(() => orders.kill());
  supergraphPath = join(dir, 'supergraph.graphql');
  await writeFile(supergraphPath, supergraph(false));
  const config = loadConfig({
    PORT: '0',
    NODE_ENV: 'test',
    SUPERGRAPH_PATH: supergraphPath,
    SUPERGRAPH_WATCH: 'true',
    SUBGRAPH_TIMEOUT_MS: '1000',
    DATA_DIR: dir,
  });
  gateway = await startGateway(config, { logger: log.logger });
  auth = await testTokens(dir).headers('admin');
  cleanup.defer(() => gateway.close());
  graphqlUrl = `${gateway.url}/graphql`;
}, 30_000);

afterAll(() => cleanup.run());
let auth: Record<string, string>;

const CROSS = '{ customers { name orders { number } } }';
const MIXED = '{ customers { name } orders { number } }';

describe('gateway over two subgraphs', () => {
  it('answers a query that spans both subgraphs', async () => {
    const result = await post(graphqlUrl, CROSS, auth);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      customers: [
        { name: 'Ada', orders: [{ number: 'FG-1' }, { number: 'FG-3' }] },
        { name: 'Grace', orders: [{ number: 'FG-2' }] },
      ],
    });
  });

  it('forwards an internal token, the client request id and traceparent to every subgraph, and echoes the id', async () => {
    const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    customers.requests.length = 0;
    orders.requests.length = 0;
    const result = await post(graphqlUrl, CROSS, { ...auth, 'x-request-id': 'client-req-42', traceparent });
    expect(result.errors).toBeUndefined();
    expect(result.headers.get('x-request-id')).toBe('client-req-42');
    // Not the client's token: the gateway's own internal token, naming the verified caller.
    const verify = createInternalTokenVerifier(publicJwks(await ensureDevKey(dir, 'dev-internal')));
    for (const headers of [...customers.requests, ...orders.requests]) {
      expect(headers).toMatchObject({ 'x-request-id': 'client-req-42', traceparent });
      expect(headers.authorization).not.toBe(auth.authorization);
      expect(await verify(headers.authorization)).toMatchObject({ sub: 'test-admin', role: 'admin' });
    }
    expect(customers.requests).toHaveLength(1);
    expect(orders.requests).toHaveLength(1);
  });

  it('replaces an insane request id with a UUID and forwards that one', async () => {
    orders.requests.length = 0;
    const result = await post(graphqlUrl, '{ orders { id } }', { ...auth, 'x-request-id': 'x'.repeat(129) });
    const id = result.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(orders.requests[0]?.['x-request-id']).toBe(id);
  });

  it("keeps a subgraph's own error and code, adding serviceName", async () => {
    const result = await post(graphqlUrl, '{ customers { name } missingOrder { id } }', auth);
    expect(result.data).toEqual({ customers: [{ name: 'Ada' }, { name: 'Grace' }], missingOrder: null });
    expect(result.errors).toEqual([
      {
        message: 'order 42 not found',
        path: ['missingOrder'],
        extensions: { code: 'NOT_FOUND', id: '42', serviceName: 'orders' },
      },
    ]);
  });

  it('names a subgraph that does not answer in time, and keeps the rest', async () => {
    const result = await post(graphqlUrl, '{ customers { name } slowOrders { id } }', auth);
    expect(result.data).toEqual({ customers: [{ name: 'Ada' }, { name: 'Grace' }], slowOrders: null });
    expect(result.errors).toEqual([
      {
        message: 'Subgraph "orders" did not answer within 1000 ms',
        path: ['slowOrders'],
        extensions: { code: 'SUBGRAPH_TIMEOUT', serviceName: 'orders' },
      },
    ]);
  });

  it('answers /health, and /health/subgraphs reports each subgraph', async () => {
    const health = await fetch(`${gateway.url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok' });
    const subgraphs = await fetch(`${gateway.url}/health/subgraphs`);
    expect(subgraphs.status).toBe(200);
    expect(await subgraphs.json()).toMatchObject({
      status: 'ok',
      subgraphs: [
        { name: 'customers', status: 'ok', url: customers.url },
        { name: 'orders', status: 'ok', url: orders.url },
      ],
    });
  });
});

describe('a subgraph goes down', () => {
  it('gives partial data and an error naming it, then recovers when it restarts on the same port', async () => {
    const healthy = await post(graphqlUrl, MIXED, auth);
    expect(healthy.errors).toBeUndefined();
    const port = orders.port;
    await orders.kill();

    const partial = await post(graphqlUrl, MIXED, auth);
    expect(partial.status).toBe(200);
    expect(partial.data).toEqual({ customers: [{ name: 'Ada' }, { name: 'Grace' }], orders: null });
    expect(partial.errors).toEqual([
      {
        message: 'Subgraph "orders" is unavailable',
        path: ['orders'],
        extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'orders' },
      },
    ]);

    // An entity fetch (customer → orders) fails the same way; it covers many objects, so no path.
    const nested = await post(graphqlUrl, CROSS, auth);
    expect(nested.data).toEqual({
      customers: [
        { name: 'Ada', orders: null },
        { name: 'Grace', orders: null },
      ],
    });
    expect(nested.errors).toEqual([
      {
        message: 'Subgraph "orders" is unavailable',
        extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'orders' },
      },
    ]);

    const report = await fetch(`${gateway.url}/health/subgraphs`);
    expect(report.status).toBe(503);
    expect(await report.json()).toMatchObject({
      status: 'degraded',
      subgraphs: [
        { name: 'customers', status: 'ok' },
        { name: 'orders', status: 'unavailable' },
      ],
    });
    expect(
      log.lines.some((l) => l.msg === 'Subgraph "orders" is unavailable' && l.serviceName === 'orders'),
    ).toBe(true);

    orders = await startOrders(port);
    const recovered = await post(graphqlUrl, MIXED, auth);
    expect(recovered.errors).toBeUndefined();
    expect(recovered.data).toEqual(healthy.data);
  });
});

describe('supergraph hot reload', () => {
  const TIER = '{ customers { name tier } }';

  it('serves a new field once the file changes, and keeps the old schema when the file turns invalid', async () => {
    const before = await post(graphqlUrl, TIER, auth);
    expect(before.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');

    await writeFile(supergraphPath, supergraph(true));
    const after = await eventually(async () => {
      const result = await post(graphqlUrl, TIER, auth);
      expect(result.errors).toBeUndefined();
      return result;
    });
    expect(after.data).toEqual({
      customers: [
        { name: 'Ada', tier: 'gold' },
        { name: 'Grace', tier: 'silver' },
      ],
    });

    const rejected = (l: LogLine) =>
      l.msg === 'supergraph update rejected; still serving the previous schema';
    expect(log.lines.some(rejected)).toBe(false);
    await writeFile(
      supergraphPath,
      'schema @link(url: "https://specs.apollo.dev/link/v1.0") { query: Query }\n',
    );
    await eventually(() => expect(log.lines.some(rejected)).toBe(true));
    const still = await post(graphqlUrl, TIER, auth);
    expect(still.errors).toBeUndefined();
    expect(still.data).toEqual(after.data);
    expect((await fetch(`${gateway.url}/health`)).status).toBe(200);
  });
});
