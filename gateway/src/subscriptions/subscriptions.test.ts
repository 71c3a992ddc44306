import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createMemoryPubSub,
  type RequestInfo,
  type RunningService,
  startSubgraph,
} from '@freightgraph/platform';
import {
  CleanupStack,
  subscribe,
  type TestTokens,
  testLogger,
  testTokens,
  testViewer,
  toWsUrl,
  wsClient,
} from '@freightgraph/platform/testing';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { loadConfig } from '../config';
import { startGateway } from '../server';
import { composeSupergraph, eventually, type StandIn, startStandIn } from '../testing/stand-in';
import { SLOW_CLIENT_CLOSE_CODE } from '.';
import { sharingKey } from './hub';

// Tier two: the gateway in-process over two small real subgraphs of a graph that is not ours: `ticks`
// streams over graphql-ws, `items` answers entity fetches over HTTP for every event.
const ticksSdl = (extra: string) =>
  parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Item @key(fields: "id") { id: ID! }
  type Tick { n: Int! payload: String! item: Item! }
  type Query { ping: Boolean }
  type Subscription { ${extra} }
`);
const itemsSdl = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Item @key(fields: "id") { id: ID! name: String! }
  type Query { item(id: ID!): Item }
`);

const cleanup = new CleanupStack();
const pubsub = createMemoryPubSub();
const contexts: RequestInfo[] = [];
let ticks: RunningService;
let items: StandIn;
let gateway: RunningService;
let supergraphPath: string;
let dir: string;
let tokens: TestTokens;
let admin: string;

async function startTicks(port = 0) {
  return startSubgraph(
    {
      name: 'ticks',
      typeDefs: ticksSdl('ticks(topic: String!): Tick!'),
      resolvers: {
        Subscription: {
          ticks: {
            subscribe: (_: unknown, args: { topic: string }) => pubsub.subscribe([args.topic]),
            resolve: (message: unknown) => message,
          },
        },
        Tick: { item: (tick: { n: number }) => ({ id: `i${tick.n}` }) },
      },
      createContext: (request) => {
        contexts.push(request);
        return request;
      },
      logger: testLogger,
      store: { ping: async () => undefined, close: async () => undefined },
      production: true,
    },
    { port, host: '127.0.0.1', verifyInternalToken: await tokens.verifier() },
  );
}

const writeSupergraph = (ticksField: string) =>
  writeFile(
    supergraphPath,
    composeSupergraph([
      { name: 'ticks', url: `${ticks.url}/graphql`, typeDefs: ticksSdl(ticksField) },
      { name: 'items', url: items.url, typeDefs: itemsSdl },
    ]),
  );

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gateway-subscriptions-'));
  cleanup.defer(() => rm(dir, { recursive: true, force: true }));
  tokens = testTokens(dir);
  admin = await tokens.bearer('admin');
  ticks = await startTicks();
  cleanup.defer(() => ticks.close());
  items = await startStandIn({
    name: 'items',
    typeDefs: itemsSdl,
    resolvers: {
      Item: { __resolveReference: (ref: { id: string }) => ({ id: ref.id, name: `Item ${ref.id}` }) },
      Query: { item: (_: unknown, { id }: { id: string }) => ({ id, name: `Item ${id}` }) },
    },
  });
  cleanup.defer(() => items.kill());
  supergraphPath = join(dir, 'supergraph.graphql');
  await writeSupergraph('ticks(topic: String!): Tick!');
  gateway = await startGateway(
    loadConfig({
      PORT: '0',
      NODE_ENV: 'test',
      DATA_DIR: dir,
      SUPERGRAPH_PATH: supergraphPath,
      SUPERGRAPH_WATCH: 'true',
      SUBSCRIPTION_CLIENT_QUEUE: '4',
      // Long enough that a paused (slow) client is dropped for its queue, not for a missed pong.
      SUBSCRIPTION_KEEPALIVE_MS: '3000',
    }),
    { logger: testLogger },
  );
  cleanup.defer(() => gateway.close());
}, 60_000);
afterAll(() => cleanup.run());

const TICKS = 'subscription ($topic: String!) { ticks(topic: $topic) { n payload item { id name } } }';
const publish = (topic: string, n: number, payload = '') => pubsub.publish(topic, { n, payload });
const listening = (count: number) => eventually(() => expect(pubsub.subscriberCount()).toBe(count));
const client = (params: Record<string, unknown> = { authorization: admin }) => {
  const opened = wsClient(`${gateway.url}/graphql`, params);
  cleanup.defer(() => opened.dispose());
  return opened;
};

describe('gateway subscriptions', () => {
  it('resolves entity fields per event, speaking to both subgraphs with internal tokens only', async () => {
    const stream = subscribe(client(), {
      query: TICKS,
      variables: { topic: 'a' },
    });
    await listening(1);
    // The ticks subgraph verified the gateway's internal token at connection_init: the viewer is the
    // client's, the token is not.
    expect(contexts.at(-1)?.viewer).toMatchObject({ sub: 'test-admin', role: 'admin' });
    expect(contexts.at(-1)?.authorization).not.toBe(admin);
    const before = items.requests.length;
    await publish('a', 1);
    expect((await stream.next()).data).toEqual({
      ticks: { n: 1, payload: '', item: { id: 'i1', name: 'Item i1' } },
    });
    const forwarded = items.requests.slice(before).map((headers) => headers.authorization);
    expect(forwarded).toHaveLength(1);
    expect(await (await tokens.verifier())(forwarded[0])).toMatchObject({ sub: 'test-admin', role: 'admin' });
    stream.unsubscribe();
    await listening(0);
  });

  it('drops a client that stops reading with a close code, without delaying the others', async () => {
    const fast = subscribe(client(), { query: TICKS, variables: { topic: 'big' } });
    const slow = new WebSocket(toWsUrl(`${gateway.url}/graphql`), 'graphql-transport-ws');
    cleanup.defer(() => slow.terminate());
    await new Promise((resolve) => slow.once('open', resolve));
    slow.send(JSON.stringify({ type: 'connection_init', payload: { authorization: admin } }));
    await new Promise((resolve) => slow.once('message', resolve));
    slow.send(
      JSON.stringify({ id: '1', type: 'subscribe', payload: { query: TICKS, variables: { topic: 'big' } } }),
    );
    await listening(1);
    await eventually(async () => expect(await gauge('freightgraph_gateway_subscriptions')).toBe(2));
    const closed = new Promise<number>((resolve) => slow.once('close', resolve));
    slow.pause();

    // 40 × 256 KiB: far more than the socket buffers hold, so the slow client's queue fills up.
    const big = 'x'.repeat(256 * 1024);
    const started = Date.now();
    for (let n = 0; n < 40; n++) await publish('big', n, big);
    await eventually(async () =>
      expect(await gauge('freightgraph_gateway_slow_clients_dropped_total')).toBe(1),
    );
    // Reading again lets the close frame queued behind the undelivered data arrive.
    slow.resume();
    for (let n = 0; n < 40; n++) expect((await fast.next()).data?.ticks).toMatchObject({ n });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(await closed).toBe(SLOW_CLIENT_CLOSE_CODE);
    fast.unsubscribe();
    await listening(0);
  });

  it('pings idle clients to keep the connection alive and detect dead ones', async () => {
    const socket = new WebSocket(toWsUrl(`${gateway.url}/graphql`), 'graphql-transport-ws');
    cleanup.defer(() => socket.terminate());
    const started = Date.now();
    await new Promise((resolve) => socket.once('ping', resolve));
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('ends subscriptions with SUBGRAPH_UNAVAILABLE when their subgraph goes away', async () => {
    const stream = subscribe(client(), { query: TICKS, variables: { topic: 'r' } });
    await listening(1);
    const port = Number(new URL(ticks.url).port);
    await ticks.close();
    expect((await stream.next()).errors?.[0]).toMatchObject({
      message: expect.stringContaining('subgraph "ticks" closed the connection'),
      extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'ticks' },
    });
    expect(await stream.ended).toEqual({});
    // Back on the same port, a new subscription works again.
    ticks = await startTicks(port);
    const again = subscribe(client(), { query: TICKS, variables: { topic: 'r' } });
    await listening(1);
    await publish('r', 7);
    expect((await again.next()).data?.ticks).toMatchObject({ n: 7 });
    again.unsubscribe();
    await listening(0);
  });

  it.each([
    ['no token', {}],
    ['a forged token', { authorization: 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.' }],
    ['a malformed header', { authorization: 'Basic YWRtaW46YWRtaW4=' }],
  ])(
    'closes a socket whose connection_init carries %s with 4403, before any subscription',
    async (_case, params) => {
      const outcome = await subscribe(client(params), { query: TICKS, variables: { topic: 'denied' } }).ended;
      expect(outcome.error).toMatchObject({ code: 4403 });
      expect(pubsub.subscriberCount()).toBe(0);
    },
  );

  it("answers bad operations with GraphQL errors and Apollo's codes", async () => {
    const ws = client();
    const invalid = await subscribe(ws, { query: 'subscription { ticks(topic: "a") { nope } }' }).ended;
    expect(invalid.error).toEqual([
      expect.objectContaining({
        message: expect.stringContaining('Cannot query field "nope"'),
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
      }),
    ]);
    const syntax = await subscribe(ws, { query: 'subscription {' }).ended;
    expect(syntax.error).toEqual([
      expect.objectContaining({
        message: expect.stringContaining('Syntax Error'),
        extensions: { code: 'GRAPHQL_PARSE_FAILED' },
      }),
    ]);
    const query = await subscribe(ws, { query: '{ ping }' }).ended;
    expect(query.error).toEqual([expect.objectContaining({ extensions: { code: 'BAD_REQUEST' } })]);
  });

  it('answers a subscription sent over HTTP with 400, naming the WebSocket transport', async () => {
    const response = await fetch(`${gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: admin },
      body: JSON.stringify({ query: TICKS, variables: { topic: 'http' } }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      errors: [{ message: expect.stringContaining('WebSocket'), extensions: { code: 'BAD_REQUEST' } }],
    });
  });

  // Last: it leaves a supergraph without `ticks`.
  it('keeps a subscription across a compatible reload and ends it when its field goes away', async () => {
    const stream = subscribe(client(), { query: TICKS, variables: { topic: 'reload' } });
    await listening(1);
    await writeSupergraph('ticks(topic: String!): Tick!\n  other: Tick');
    await eventually(async () => {
      await publish('reload', 1);
      expect((await stream.next(500)).data?.ticks).toMatchObject({ n: 1 });
    });
    await writeSupergraph('other: Tick');
    expect((await stream.next()).errors?.[0]?.extensions).toMatchObject({
      code: 'SUBSCRIPTION_SCHEMA_CHANGED',
    });
    expect(await stream.ended).toEqual({});
    await listening(0);
  });
});

describe('sharingKey', () => {
  const context = { requestId: 'r', authorization: 'a', traceparent: undefined, tracestate: undefined };
  it('ignores variable order and token rotation, but not values or who is asking', () => {
    const key = (variables: Record<string, unknown>, viewer = testViewer('admin'), authorization = 'a') =>
      sharingKey({
        source: 'q',
        operationName: undefined,
        variables,
        context: { ...context, viewer, authorization },
      });
    expect(key({ a: 1, b: { c: 2, d: 3 } })).toBe(key({ b: { d: 3, c: 2 }, a: 1 }));
    expect(key({ a: 1 })).not.toBe(key({ a: 2 }));
    expect(key({ a: 1 }, testViewer('admin'), 'b')).toBe(key({ a: 1 }));
    expect(key({ a: 1 })).not.toBe(key({ a: 1 }, testViewer('customer')));
  });
});

async function gauge(name: string): Promise<number> {
  // The gateway's /metrics, like a subgraph's, answers only the internal token.
  const headers = { authorization: await tokens.internal('admin') };
  const text = await (await fetch(`${gateway.url}/metrics`, { headers })).text();
  return Number(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\d+)$`, 'm').exec(text)?.[1]);
}
