import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import {
  CleanupStack,
  freePort,
  type ManagedProcess,
  startProcess,
  subscribe,
  wsClient,
} from '@freightgraph/platform/testing';
import type { GraphQLFormattedError } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../scripts/services';
import { type ForeignSubgraph, publishMedia, serveForeignGraph } from './foreign/subgraphs';

// Someone else's graph behind our gateway, as a team adopting it would run it: three @apollo/subgraph
// services of their own (tests/foreign), composed here, served by the real gateway process with
// AUTH_MODE=off and header rules.
const HEADER_RULES = `
all:
  request:
    - propagate: { named: x-tenant }
    - propagate: { named: x-user, rename: x-user-id }
    - propagate: { matching: "^x-debug-" }
    - remove: { named: x-debug-secret }
    - insert: { name: x-gateway, value: freightgraph }
subgraphs:
  shipping:
    request:
      - insert: { name: x-shipping-key, value: s3cret }
`;

const CLIENT_HEADERS = {
  'x-tenant': 'acme',
  'x-user': 'u1',
  'x-debug-trace': 'on',
  'x-debug-secret': 'hush',
  cookie: 'session=private',
};

const cleanup = new CleanupStack();
let subgraphs: Record<string, ForeignSubgraph>;
let gateway: ManagedProcess;
let graphqlUrl: string;

async function post<TData>(query: string, headers: Record<string, string> = CLIENT_HEADERS) {
  const response = await fetch(graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
  const body = (await response.json()) as { data?: TData; errors?: GraphQLFormattedError[] };
  return { status: response.status, ...body };
}

beforeAll(async () => {
  const dir = await mkdtemp(join(tmpdir(), 'freightgraph-foreign-'));
  cleanup.defer(() => rm(dir, { recursive: true, force: true }));
  const served = await serveForeignGraph();
  cleanup.defer(() => Promise.all(served.map((s) => s.close())));
  subgraphs = Object.fromEntries(served.map((s) => [s.name, s]));
  const composed = composeServices(served.map(({ name, url, typeDefs }) => ({ name, url, typeDefs })));
  if (composed.errors) throw new Error(composed.errors.map((e) => e.message).join('\n'));
  await writeFile(join(dir, 'supergraph.graphql'), composed.supergraphSdl);
  await writeFile(join(dir, 'headers.yaml'), HEADER_RULES);
  const port = await freePort();
  gateway = await startProcess({
    name: 'gateway',
    cwd: join(ROOT, 'gateway'),
    command: process.execPath,
    args: ['--import', 'tsx', 'src/index.ts'],
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      DATA_DIR: dir,
      SUPERGRAPH_PATH: join(dir, 'supergraph.graphql'),
      AUTH_MODE: 'off',
      GATEWAY_HEADERS_FILE: join(dir, 'headers.yaml'),
    },
    readyUrl: `http://127.0.0.1:${port}/health`,
    timeoutMs: 120_000,
  });
  cleanup.defer(() => gateway.stop());
  graphqlUrl = `http://127.0.0.1:${port}/graphql`;
});

afterAll(() => cleanup.run());

describe('a foreign graph through the gateway, auth off', () => {
  it('answers across entities, @requires, @provides and an @interfaceObject without any token', async () => {
    const result = await post(`{
      media {
        __typename id title reviews
        ... on Book { weightGrams shippingCost publisher { name country } }
        ... on Film { minutes }
      }
    }`);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      media: [
        {
          __typename: 'Book',
          id: 'b1',
          title: 'Dune',
          reviews: ['b1 is great'],
          weightGrams: 600,
          shippingCost: 400,
          publisher: { name: 'Chilton', country: 'US' },
        },
        { __typename: 'Film', id: 'f1', title: 'Alien', reviews: ['f1 is great'], minutes: 117 },
      ],
    });
  });

  it('takes a provided field from the providing subgraph, without an entity fetch', async () => {
    const before = subgraphs.reviews?.requests.length ?? 0;
    const result = await post('{ book(id: "b1") { publisher { name } } }');
    expect(result.data).toEqual({ book: { publisher: { name: 'Chilton' } } });
    expect(subgraphs.reviews?.requests.length).toBe(before);
  });

  it('sends each subgraph the headers the rules give it, and nothing else of the client', async () => {
    await post('{ book(id: "b1") { shippingCost } }');
    const catalog = subgraphs.catalog?.requests.at(-1);
    const shipping = subgraphs.shipping?.requests.at(-1);
    expect(catalog).toMatchObject({
      'x-tenant': 'acme',
      'x-user-id': 'u1',
      'x-debug-trace': 'on',
      'x-gateway': 'freightgraph',
    });
    for (const removed of ['x-debug-secret', 'x-user', 'cookie', 'authorization', 'x-shipping-key']) {
      expect(catalog).not.toHaveProperty(removed);
    }
    expect(shipping).toMatchObject({ 'x-tenant': 'acme', 'x-shipping-key': 's3cret' });
  });

  it('streams a subscription from the subgraph over graphql-ws, with the same headers upstream', async () => {
    const client = wsClient(graphqlUrl, { 'x-tenant': 'acme', 'x-user': 'u2', 'x-debug-secret': 'hush' });
    cleanup.defer(() => client.dispose());
    const sub = subscribe<{ mediaAdded: Record<string, unknown> }>(client, {
      query: 'subscription { mediaAdded { __typename id title reviews ... on Book { shippingCost } } }',
    });
    // Publish until the upstream subscription is in place (the catalog records it as it subscribes).
    const deadline = Date.now() + 30_000;
    while ((subgraphs.catalog?.subscriptions.length ?? 0) === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    await publishMedia({ id: 'b2', kind: 'Book', title: 'Emma', weightGrams: 250 });
    const event = await sub.next(30_000);
    expect(event.errors).toBeUndefined();
    expect(event.data).toEqual({
      mediaAdded: {
        __typename: 'Book',
        id: 'b2',
        title: 'Emma',
        reviews: ['b2 is great'],
        shippingCost: 250,
      },
    });
    expect(subgraphs.catalog?.subscriptions.at(-1)).toMatchObject({
      'x-tenant': 'acme',
      'x-user-id': 'u2',
      'x-gateway': 'freightgraph',
    });
    expect(subgraphs.catalog?.subscriptions.at(-1)).not.toHaveProperty('x-debug-secret');
    sub.unsubscribe();
  });

  it('keeps its limits and health on a foreign graph', async () => {
    const aliases = Array.from({ length: 20 }, (_, i) => `a${i}: id`).join(' ');
    const refused = await post(`{ media { ${aliases} } }`);
    expect(refused.status).toBe(400);
    expect(refused.errors?.[0]?.extensions?.code).toBe('ALIAS_LIMIT_EXCEEDED');
    const health = await fetch(graphqlUrl.replace('/graphql', '/health'));
    expect(health.status).toBe(200);
  });
});
