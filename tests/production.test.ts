/**
 * Gateways configured for production beside the shared subgraphs: identity from a JWKS URL, the
 * internal signing key from a file, introspection off, a tight rate limit (shared through Redis when
 * REDIS_URL is set), and one in trusted-documents mode.
 */
import { createHash, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { ensureDevKey, publicJwks } from '@freightgraph/platform';
import { CleanupStack, type ManagedProcess, startProcess } from '@freightgraph/platform/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { gatewaySpec, ROOT } from '../scripts/services';
import { tokens } from './auth';
import { freePort } from './harness';
import { gql, raw } from './hostile';

const { layout } = inject('graph');
const cleanup = new CleanupStack();
const MANIFEST = join(ROOT, 'tests/__generated__/persisted-documents.json');
const BURST = 5;

let limited: [string, string];
let trusted: string;

async function serveJwks(): Promise<string> {
  const jwks = publicJwks(await ensureDevKey(layout.dataDir, 'dev-access'));
  const server: Server = createServer((_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(jwks));
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  cleanup.defer(() => new Promise((resolve) => server.close(resolve)));
  return `http://127.0.0.1:${port}/jwks.json`;
}

async function startGateway(env: Record<string, string>): Promise<string> {
  const port = await freePort();
  const spec = gatewaySpec({
    ...layout,
    ports: { ...layout.ports, gateway: port },
    env: { ...layout.env, ...env },
  });
  const running: ManagedProcess = await startProcess({
    ...spec,
    readyUrl: spec.healthUrl,
    timeoutMs: 120_000,
  });
  cleanup.defer(() => running.stop());
  return spec.url;
}

beforeAll(async () => {
  const production = {
    NODE_ENV: 'production',
    AUTH_JWKS_URL: await serveJwks(),
    AUTH_ISSUER: 'freightgraph-dev',
    AUTH_AUDIENCE: 'freightgraph',
    INTERNAL_SIGNING_KEY_FILE: join(layout.dataDir, 'keys/dev-internal.private.jwk.json'),
  };
  const tight = { ...production, RATE_LIMIT_BURST: String(BURST), RATE_LIMIT_PER_SECOND: '1' };
  limited = await Promise.all([startGateway(tight), startGateway(tight)]);
  trusted = await startGateway({ ...production, TRUSTED_DOCUMENTS_PATH: MANIFEST });
}, 180_000);
afterAll(() => cleanup.run());

/** A token of its own per test, so one test's bucket never drains another's. */
const fresh = async () => tokens.headers('admin', { sub: `prod-${randomUUID()}` });

describe('a production gateway', () => {
  it('refuses to start without its identity provider and signing key', async () => {
    const port = await freePort();
    const spec = gatewaySpec({
      ...layout,
      ports: { ...layout.ports, gateway: port },
      env: { NODE_ENV: 'production' },
    });
    const failed = startProcess({ ...spec, readyUrl: spec.healthUrl, timeoutMs: 30_000 });
    await expect(failed).rejects.toThrow(
      /AUTH_JWKS_URL.*AUTH_ISSUER.*AUTH_AUDIENCE.*INTERNAL_SIGNING_KEY_FILE/s,
    );
  });

  it('serves a token from the identity provider and sends security headers', async () => {
    const answer = await gql(limited[0], '{ vehicles(first: 1) { totalCount } }', {}, await fresh());
    expect(answer.body.errors).toBeUndefined();
    expect(answer.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
    expect(answer.headers.get('x-frame-options')).toBe('DENY');
    expect(answer.headers.get('content-security-policy')).toContain("default-src 'none'");
  });

  it('mints no development token: the sign-in endpoint does not exist', async () => {
    const response = await fetch(limited[0].replace(/\/graphql$/, '/dev/token'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ role: 'admin' }),
    });
    expect(response.status).toBe(404);
    expect(await response.text()).not.toMatch(/eyJ/);
  });

  it('has no introspection, not even anonymously, and no schema hints in errors', async () => {
    const anonymous = await gql(limited[0], '{ __schema { queryType { name } } }');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const introspection = await gql(limited[0], '{ __schema { queryType { name } } }', {}, await fresh());
    expect(introspection.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(introspection.body.errors?.[0]?.message).toMatch(/introspection/i);
    const typo = await gql(limited[0], '{ vehicel(id: "x") { id } }', {}, await fresh());
    expect(typo.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(typo.body.errors?.[0]?.message).not.toMatch(/did you mean/i);
  });

  it('rate-limits a subject with 429, RATE_LIMITED and Retry-After', async () => {
    const headers = await fresh();
    const answers = [];
    for (let i = 0; i <= BURST; i++) answers.push(await gql(limited[0], '{ __typename }', {}, headers));
    expect(answers.slice(0, BURST).every((a) => a.status === 200)).toBe(true);
    const refused = answers[BURST]!;
    expect(refused.status).toBe(429);
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED' });
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // Another subject is unaffected.
    expect((await gql(limited[0], '{ __typename }', {}, await fresh())).status).toBe(200);
  });

  it.runIf(process.env.REDIS_URL)('shares the bucket across instances through Redis', async () => {
    const headers = await fresh();
    const statuses = [];
    for (let i = 0; i <= BURST; i++)
      statuses.push((await gql(limited[i % 2 === 0 ? 0 : 1], '{ __typename }', {}, headers)).status);
    expect(statuses).toEqual([...Array(BURST).fill(200), 429]);
  });
});

describe('trusted documents', () => {
  const manifest = async () =>
    Object.entries(JSON.parse(await readFile(MANIFEST, 'utf8')) as Record<string, string>);

  it('runs a listed document by its id, and by its exact text', async () => {
    const [key, document] = (await manifest()).find(([, d]) => d.includes('query FirstVehicle'))!;
    const hash = key.replace(/^sha256:/, '');
    const byId = await raw(
      trusted,
      JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: hash } } }),
      {
        'content-type': 'application/json',
        ...(await fresh()),
      },
    );
    expect(byId.body.errors).toBeUndefined();
    expect(byId.body.data).toHaveProperty('vehicles');
    const byText = await gql(trusted, document, {}, await fresh());
    expect(byText.body.data).toEqual(byId.body.data);
  });

  it('refuses any other document, and a registration of one', async () => {
    const query = '{ vehicles(first: 100) { edges { node { id registration } } } }';
    const free = await gql(trusted, query, {}, await fresh());
    expect(free.status).toBe(400);
    expect(free.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_IN_LIST');
    const sha256Hash = createHash('sha256').update(query).digest('hex');
    const register = await raw(
      trusted,
      JSON.stringify({ query, extensions: { persistedQuery: { version: 1, sha256Hash } } }),
      {
        'content-type': 'application/json',
        ...(await fresh()),
      },
    );
    expect(register.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_IN_LIST');
    const replay = await raw(
      trusted,
      JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash } } }),
      {
        'content-type': 'application/json',
        ...(await fresh()),
      },
    );
    expect(replay.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });
});
