import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RequestInfo, type RunningService, startSubgraph } from '@freightgraph/platform';
import { CleanupStack, testLogger, testTokens } from '@freightgraph/platform/testing';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { startGateway } from '../server';
import { composeSupergraph, post, type StandIn, startStandIn } from '../testing/stand-in';

// Tier two: AUTH_MODE=optional and off over a zero-trust subgraph of ours (`notes`: it verifies the
// internal token and enforces @authenticated itself) and a foreign one (`weather`: it verifies nothing).
const notesSdl = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@authenticated"])
  type Query { motd: String secret: String @authenticated }
`);
const weatherSdl = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Query { forecast: String }
`);

const cleanup = new CleanupStack();
const seen: RequestInfo[] = [];
let dir: string;
let weather: StandIn;
let supergraphPath: string;

async function gateway(env: Record<string, string>): Promise<string> {
  const running = await startGateway(
    loadConfig({
      PORT: '0',
      NODE_ENV: 'test',
      DATA_DIR: dir,
      SUPERGRAPH_PATH: supergraphPath,
      INTERNAL_TOKEN_SUBGRAPHS: 'notes',
      ...env,
    }),
    { logger: testLogger },
  );
  cleanup.defer(() => running.close());
  return `${running.url}/graphql`;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gateway-auth-mode-'));
  cleanup.defer(() => rm(dir, { recursive: true, force: true }));
  const notes: RunningService = await startSubgraph(
    {
      name: 'notes',
      typeDefs: notesSdl,
      resolvers: { Query: { motd: () => 'hello', secret: () => 'the secret' } },
      createContext: (request) => {
        seen.push(request);
        return request;
      },
      logger: testLogger,
      store: { ping: async () => undefined, close: async () => undefined },
      production: true,
    },
    { port: 0, host: '127.0.0.1', verifyInternalToken: await testTokens(dir).verifier() },
  );
  cleanup.defer(() => notes.close());
  weather = await startStandIn({
    name: 'weather',
    typeDefs: weatherSdl,
    resolvers: { Query: { forecast: () => 'sunny' } },
  });
  cleanup.defer(() => weather.kill());
  supergraphPath = join(dir, 'supergraph.graphql');
  await writeFile(
    supergraphPath,
    composeSupergraph([
      { name: 'notes', url: `${notes.url}/graphql`, typeDefs: notesSdl },
      { name: 'weather', url: weather.url, typeDefs: weatherSdl },
    ]),
  );
}, 30_000);

afterAll(() => cleanup.run());

describe('AUTH_MODE=optional', () => {
  let url: string;
  beforeAll(async () => {
    url = await gateway({ AUTH_MODE: 'optional' });
  });

  it('serves a caller without a token as the anonymous viewer: public fields answer, @authenticated refuses', async () => {
    const result = await post(url, '{ motd secret forecast }');
    expect(result.status).toBe(200);
    expect(result.data).toEqual({ motd: 'hello', secret: null, forecast: 'sunny' });
    expect(result.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([
      [['secret'], 'UNAUTHENTICATED'],
    ]);
    expect(seen.at(-1)?.viewer).toMatchObject({ sub: 'anonymous', role: 'anonymous', scopes: [] });
    // The foreign subgraph is not among INTERNAL_TOKEN_SUBGRAPHS: it never sees the internal token.
    expect(weather.requests.at(-1)).not.toHaveProperty('authorization');
  });

  it('still verifies a token that is present: a bad one is refused, a good one is the viewer', async () => {
    const bad = await post(url, '{ motd }', { authorization: 'Bearer not.a.token' });
    expect(bad.status).toBe(401);
    expect(bad.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const good = await post(url, '{ secret }', await testTokens(dir).headers('admin'));
    expect(good.errors).toBeUndefined();
    expect(good.data).toEqual({ secret: 'the secret' });
  });
});

describe('AUTH_MODE=off', () => {
  it('verifies nothing and mints nothing: the token is neither checked nor forwarded', async () => {
    const url = await gateway({ AUTH_MODE: 'off' });
    const result = await post(url, '{ forecast }', { authorization: 'Bearer not.a.token' });
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ forecast: 'sunny' });
    expect(weather.requests.at(-1)).not.toHaveProperty('authorization');
    // Our zero-trust subgraph gets no internal token, so it refuses: off is for graphs that do their own auth.
    const ours = await post(url, '{ motd }');
    expect(ours.data).toEqual({ motd: null });
    expect(ours.errors?.[0]?.extensions?.code).toBeDefined();
  });
});
