import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createMemoryPubSub,
  INTERNAL_TOKEN_EXPIRED,
  type InternalTokenVerifier,
  type RunningService,
  startSubgraph,
  unauthenticated,
} from '@freightgraph/platform';
import {
  CleanupStack,
  subscribe,
  type TestTokens,
  testLogger,
  testTokens,
  wsClient,
} from '@freightgraph/platform/testing';
import { Repeater } from '@repeaterjs/repeater';
import { buildSchema, parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { startGateway } from '../server';
import { composeSupergraph, eventually } from '../testing/stand-in';
import { resumableOperation, takeCursor } from './resumable';

// Tier two: the gateway in-process over a small resumable subgraph of a graph that is not ours, whose
// log of events outlives the subgraph's restarts (as a store would).
const sdl = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Count { cursor: String! n: Int! }
  type Query { ping: Boolean }
  type Subscription { counts(after: String): Count! }
`);

const log: number[] = [];
const wakeUps = createMemoryPubSub();
const cleanup = new CleanupStack();
let counter: RunningService | undefined;
let gateway: RunningService;
let tokens: TestTokens;
let admin: string;
let upstreamSubscriptions = 0;
// How many of the next subscriptions' viewer tokens the subgraph refuses as expired.
let expireNext = 0;

/** Replays the log after the cursor (the index of the last count seen), then follows it. */
function counts(after: string | null | undefined) {
  return new Repeater<{ cursor: string; n: number }>(async (push, stop) => {
    const source = await wakeUps.subscribe(['counts']);
    upstreamSubscriptions++;
    let next = after ? Number(after) + 1 : log.length;
    let ended = false;
    void stop.then(() => {
      ended = true;
      upstreamSubscriptions--;
      void source.return?.();
    });
    while (!ended) {
      while (next < log.length) {
        await push({ cursor: String(next), n: log[next]! });
        next++;
      }
      if ((await source.next()).done) break;
    }
  });
}

async function startCounter(port: number) {
  counter = await startSubgraph(
    {
      name: 'counter',
      typeDefs: sdl,
      resolvers: {
        Subscription: {
          counts: {
            subscribe: (_: unknown, args: { after?: string | null }) => counts(args.after),
            resolve: (count: unknown) => count,
          },
        },
      },
      createContext: (request) => request,
      logger: testLogger,
      store: { ping: async () => undefined, close: async () => undefined },
      production: true,
    },
    { port, host: '127.0.0.1', verifyInternalToken: expiring(await tokens.verifier()) },
  );
  return counter;
}

/** The real check, except that it refuses `expireNext` subscriptions' admin tokens as expired. */
function expiring(verify: InternalTokenVerifier): InternalTokenVerifier {
  return async (authorization) => {
    const viewer = await verify(authorization);
    if (viewer.role === 'admin' && expireNext > 0) {
      expireNext--;
      const expired = unauthenticated('The internal token has expired');
      expired.extensions.reason = INTERNAL_TOKEN_EXPIRED;
      throw expired;
    }
    return viewer;
  };
}

const append = async (n: number) => {
  log.push(n);
  await wakeUps.publish('counts', {});
};

beforeAll(async () => {
  const dir = await mkdtemp(join(tmpdir(), 'gateway-failover-'));
  cleanup.defer(() => rm(dir, { recursive: true, force: true }));
  tokens = testTokens(dir);
  admin = await tokens.bearer('admin');
  const first = await startCounter(0);
  const supergraphPath = join(dir, 'supergraph.graphql');
  await writeFile(
    supergraphPath,
    composeSupergraph([{ name: 'counter', url: `${first.url}/graphql`, typeDefs: sdl }]),
  );
  gateway = await startGateway(
    loadConfig({
      PORT: '0',
      NODE_ENV: 'test',
      DATA_DIR: dir,
      SUPERGRAPH_PATH: supergraphPath,
      INTERNAL_TOKEN_SUBGRAPHS: '*',
      SUBSCRIPTION_FAILOVER_WINDOW_MS: '3000',
    }),
    { logger: testLogger },
  );
  cleanup.defer(() => gateway.close());
  cleanup.defer(() => counter?.close());
}, 60_000);
afterAll(() => cleanup.run());

const COUNTS = 'subscription { counts { n } }';
const client = () => {
  const opened = wsClient(`${gateway.url}/graphql`, { authorization: admin });
  cleanup.defer(() => opened.dispose());
  return opened;
};

describe('transparent failover of resumable subscriptions', () => {
  it('resubscribes from the last cursor when the subgraph restarts: no error, no gap, no duplicate, one upstream subscription', async () => {
    const streams = [subscribe(client(), { query: COUNTS }), subscribe(client(), { query: COUNTS })];
    await eventually(() => expect(upstreamSubscriptions).toBe(1));
    await append(1);
    await append(2);
    for (const stream of streams) {
      expect((await stream.next()).data).toEqual({ counts: { n: 1 } });
      expect((await stream.next()).data).toEqual({ counts: { n: 2 } });
    }
    const port = Number(new URL(counter!.url).port);
    await counter!.close();
    // Committed while the subgraph is away: replayed once it is back.
    await append(3);
    await append(4);
    await startCounter(port);
    await eventually(() => expect(upstreamSubscriptions).toBe(1));
    await append(5);
    for (const stream of streams) {
      for (const n of [3, 4, 5]) expect((await stream.next()).data).toEqual({ counts: { n } });
      stream.unsubscribe();
    }
    await eventually(() => expect(upstreamSubscriptions).toBe(0));
  }, 30_000);

  it('does not let a client resuming from a cursor join a stream from that cursor that has moved on', async () => {
    const from = String(log.length - 1);
    await append(10);
    await append(11);
    const RESUME = 'subscription ($after: String) { counts(after: $after) { n } }';
    const first = subscribe(client(), { query: RESUME, variables: { after: from } });
    expect((await first.next()).data).toEqual({ counts: { n: 10 } });
    expect((await first.next()).data).toEqual({ counts: { n: 11 } });
    // Same operation, variables and viewer: shared before, but it would miss 10 and 11.
    const second = subscribe(client(), { query: RESUME, variables: { after: from } });
    expect((await second.next()).data).toEqual({ counts: { n: 10 } });
    expect((await second.next()).data).toEqual({ counts: { n: 11 } });
    await append(12);
    for (const stream of [first, second]) {
      expect((await stream.next()).data).toEqual({ counts: { n: 12 } });
      stream.unsubscribe();
    }
    await eventually(() => expect(upstreamSubscriptions).toBe(0));
  }, 30_000);

  it('renews a viewer token the subgraph found expired and subscribes again, with no error', async () => {
    expireNext = 2;
    const stream = subscribe(client(), { query: COUNTS });
    await eventually(() => expect(upstreamSubscriptions).toBe(1));
    expect(expireNext).toBe(0);
    await append(20);
    expect(await stream.next()).toEqual({ data: { counts: { n: 20 } } });
    stream.unsubscribe();
    await eventually(() => expect(upstreamSubscriptions).toBe(0));
  }, 30_000);

  it('gives up with SUBGRAPH_UNAVAILABLE once the subgraph stays away longer than the window', async () => {
    const stream = subscribe(client(), { query: COUNTS });
    await eventually(() => expect(upstreamSubscriptions).toBe(1));
    await append(6);
    expect((await stream.next()).data).toEqual({ counts: { n: 6 } });
    const started = Date.now();
    await counter!.close();
    counter = undefined;
    const failed = await stream.next(10_000);
    expect(failed.errors?.[0]?.extensions).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(2_900);
  }, 30_000);
});

describe('resumableOperation', () => {
  const schema = buildSchema(`
    type Count { cursor: String! n: Int! }
    type Tick { n: Int! }
    type Query { ping: Boolean }
    type Subscription { counts(after: String, topic: String): Count! ticks: Tick! }
  `);

  it("selects the cursor under the gateway's alias and takes `after` from the gateway's variable", () => {
    const op = resumableOperation(
      'subscription S($after: String, $t: String) { c: counts(after: $after, topic: $t) { n } }',
      schema,
    )!;
    expect(op.query.replace(/\s+/g, ' ')).toBe(
      'subscription S($t: String, $fgAfter_: String) { c: counts(topic: $t, after: $fgAfter_) { n fgCursor_: cursor } }',
    );
    expect(op.initialAfter({ after: 'x' })).toBe('x');
    expect(op.initialAfter({})).toBeNull();
    expect(resumableOperation('subscription { counts(after: "y") { n } }', schema)!.initialAfter({})).toBe(
      'y',
    );
    expect(takeCursor(op, { c: { n: 1, fgCursor_: '7' } })).toEqual({ cursor: '7', data: { c: { n: 1 } } });
  });

  it('leaves a field without cursors alone', () => {
    expect(resumableOperation('subscription { ticks { n } }', schema)).toBeUndefined();
  });
});
