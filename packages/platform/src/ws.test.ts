import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryPubSub } from './pubsub';
import type { RequestInfo } from './subgraph/request';
import {
  CleanupStack,
  type ServedSubgraph,
  serveSubgraphForTest,
  subscribe,
  testLogger,
  wsClient,
} from './testing';

// One gateway connection carrying several viewers: each subscription is checked and runs as its own.
const typeDefs = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Query { ping: Boolean }
  type Subscription { whoami: String! }
`);
const pubsub = createMemoryPubSub();
const cleanup = new CleanupStack();
let served: ServedSubgraph;

beforeAll(async () => {
  served = await serveSubgraphForTest({
    name: 'who',
    typeDefs,
    resolvers: {
      Subscription: {
        whoami: {
          subscribe: () => pubsub.subscribe(['tick']),
          // Every event's own context: who it is resolved for.
          resolve: (_event: unknown, _args: unknown, context: RequestInfo) =>
            `${context.viewer.role}:${context.viewer.sub}`,
        },
      },
    },
    createContext: (request) => request,
    logger: testLogger,
    store: { ping: async () => undefined, close: async () => undefined },
    production: true,
  });
  cleanup.defer(() => served.close());
}, 180_000);
afterAll(() => cleanup.run());

async function until(check: () => boolean, timeoutMs = 5_000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('per-subscription viewers over one connection', () => {
  it('runs each subscription as the viewer of its own token, and refuses a forged or missing one alone', async () => {
    const client = wsClient(served.graphql, { authorization: await served.internal('admin') });
    cleanup.defer(() => client.dispose());
    const as = async (role: 'customer' | 'driver') => ({ authorization: await served.internal(role) });
    const customer = subscribe<{ whoami: string }>(client, {
      query: 'subscription { whoami }',
      extensions: await as('customer'),
    });
    const driver = subscribe<{ whoami: string }>(client, {
      query: 'subscription { whoami }',
      extensions: await as('driver'),
    });
    await until(() => pubsub.subscriberCount() === 2);

    const forged = subscribe(client, {
      query: 'subscription { whoami }',
      extensions: { authorization: 'Bearer eyJhbGciOiJFUzI1NiJ9.e30.c2ln' },
    });
    const missing = subscribe(client, { query: 'subscription { whoami }' });
    for (const refused of [forged, missing]) {
      const { error } = await refused.ended;
      expect(error).toEqual([
        {
          message: 'This service accepts only subscriptions from the gateway',
          extensions: { code: 'UNAUTHENTICATED' },
        },
      ]);
    }
    expect(pubsub.subscriberCount()).toBe(2);

    // The connection and the other subscriptions are still there, each as its own viewer.
    await pubsub.publish('tick', {});
    expect((await customer.next()).data?.whoami).toBe('customer:test-customer');
    expect((await driver.next()).data?.whoami).toBe('driver:test-driver');
    customer.unsubscribe();
    driver.unsubscribe();
    await until(() => pubsub.subscriberCount() === 0);
  });

  it('still closes a connection without the gateway token (4403)', async () => {
    const client = wsClient(served.graphql, {});
    cleanup.defer(() => client.dispose());
    const outcome = await subscribe(client, {
      query: 'subscription { whoami }',
      extensions: { authorization: await served.internal('admin') },
    }).ended;
    expect(outcome.error).toMatchObject({ code: 4403 });
  });
});
