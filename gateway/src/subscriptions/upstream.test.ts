import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createMemoryPubSub } from '@freightgraph/platform';
import { testLogger } from '@freightgraph/platform/testing';
import { buildSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { createUpstream, type UpstreamSink, type UpstreamTarget } from './upstream';

// Tier one: the pool against a bare graphql-ws server, which records what each connection was sent.
const schema = buildSchema('type Query { ping: Boolean } type Subscription { tick: Int! }');
const pubsub = createMemoryPubSub();
const inits: unknown[] = [];
let http: Server;
let wss: WebSocketServer;
let dispose: () => Promise<void> | void;
let target: UpstreamTarget;

beforeAll(async () => {
  http = createServer();
  wss = new WebSocketServer({ server: http, path: '/graphql' });
  ({ dispose } = useServer(
    {
      schema,
      roots: { subscription: { tick: () => pubsub.subscribe(['t']) } },
      onConnect: (ctx) => {
        inits.push(ctx.connectionParams);
        return true;
      },
    },
    wss,
  ));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  target = {
    serviceName: 'ticks',
    url: `http://127.0.0.1:${port}/graphql`,
    connectionParams: async () => ({ authorization: 'Bearer gateway' }),
  };
});
afterAll(async () => {
  await dispose();
  await new Promise((resolve) => http.close(resolve));
});

async function until(check: () => boolean, timeoutMs = 5_000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

interface Recorded {
  sink: UpstreamSink;
  events: unknown[];
  errors: { transient: boolean; code: unknown }[];
}

function recorder(): Recorded {
  const recorded: Recorded = { events: [], errors: [], sink: undefined as never };
  recorded.sink = {
    next: (event) => recorded.events.push(event.data),
    error: (error, transient) => recorded.errors.push({ transient, code: error.extensions.code }),
    complete: () => undefined,
  };
  return recorded;
}

describe('upstream connection pool', () => {
  it('opens connections lazily up to its bound, spreads subscriptions evenly, and a lost one ends only its own as transient', async () => {
    const upstream = createUpstream({
      keepAliveMs: 60_000,
      lingerMs: 100,
      maxConnections: 3,
      logger: testLogger,
    });
    const subscribe = () => {
      const recorded = recorder();
      upstream.subscribe(target, { query: 'subscription { tick }' }, recorded.sink);
      return recorded;
    };
    const first = subscribe();
    await until(() => pubsub.subscriberCount() === 1);
    expect(upstream.load(target.url)).toEqual([1]);

    const rest = Array.from({ length: 9 }, subscribe);
    const all = [first, ...rest];
    await until(() => pubsub.subscriberCount() === 10);
    expect(wss.clients.size).toBe(3);
    expect(upstream.openConnections()).toBe(3);
    expect(upstream.load(target.url).sort()).toEqual([3, 3, 4]);
    // Only the gateway's own params open a connection: nothing of any viewer's.
    expect(inits.slice(-3)).toEqual(Array(3).fill({ authorization: 'Bearer gateway' }));

    const [lost] = wss.clients;
    lost?.terminate();
    await until(() => all.some((r) => r.errors.length > 0) && upstream.openConnections() === 2);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const ended = all.filter((r) => r.errors.length > 0);
    expect([3, 4]).toContain(ended.length);
    for (const r of ended) expect(r.errors).toEqual([{ transient: true, code: 'SUBGRAPH_UNAVAILABLE' }]);

    await pubsub.publish('t', { tick: 7 });
    const survivors = all.filter((r) => r.errors.length === 0);
    await until(() => survivors.every((r) => r.events.length === 1));
    for (const r of ended) expect(r.events).toEqual([]);

    // A resubscription after the loss goes to the emptied connection, which reopens within the bound.
    subscribe();
    await until(() => upstream.openConnections() === 3);
    expect(upstream.load(target.url).length).toBe(3);
    await upstream.close();
    await until(() => pubsub.subscriberCount() === 0);
  });
});
