import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { RunningService } from '@freightgraph/platform';
import { DEV_AUDIENCE, DEV_ISSUER, demoCustomerId, ensureDevKey, publicJwks } from '@freightgraph/platform';
import { CleanupStack, testLogger } from '@freightgraph/platform/testing';
import { buildSchema, parse } from 'graphql';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { startGateway } from '../server';
import { composeSupergraph } from '../testing/stand-in';
import { defaultQueryFor, EXAMPLE_QUERY, GENERIC_QUERY } from './default-query';
import { SIGN_IN_ROLES } from './dev-token';
import type { PlaygroundConfig } from './shared';

const cleanup = new CleanupStack();
let gateway: RunningService;
let dataDir: string;

// A supergraph that is not ours, whose subgraph never runs: the playground needs none.
beforeAll(async () => {
  const dir = await mkdtemp(join(tmpdir(), 'gateway-playground-'));
  dataDir = dir;
  cleanup.defer(() => rm(dir, { recursive: true, force: true }));
  const path = join(dir, 'supergraph.graphql');
  const typeDefs = parse('type Query { hello: String }');
  await writeFile(path, composeSupergraph([{ name: 'hello', url: 'http://127.0.0.1:9/graphql', typeDefs }]));
  gateway = await startGateway(
    loadConfig({
      PORT: '0',
      NODE_ENV: 'test',
      SUPERGRAPH_PATH: path,
      SUPERGRAPH_WATCH: 'false',
      DATA_DIR: dir,
    }),
    { logger: testLogger },
  );
  cleanup.defer(() => gateway.close());
}, 30_000);

afterAll(() => cleanup.run());

function pageConfig(html: string): PlaygroundConfig {
  return JSON.parse(
    /<script type="application\/json" id="playground-config">(.*?)<\/script>/s.exec(html)![1]!,
  );
}

async function page(path: string): Promise<{ response: Response; html: string }> {
  const response = await fetch(`${gateway.url}${path}`, { headers: { accept: 'text/html' } });
  return { response, html: await response.text() };
}

describe('playground', () => {
  it('serves GraphiQL at / and for HTML requests to /graphql, with no off-host URL', async () => {
    for (const path of ['/', '/graphql']) {
      const { response, html } = await page(path);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(html).toContain('<div id="graphiql">');
      expect(html).not.toMatch(/https?:\/\//);
      expect(html).not.toMatch(/(src|href)="\/\//);
    }
  });

  it('serves the bundle the page and Monaco load, with its type and a long cache lifetime', async () => {
    const { html } = await page('/');
    const config = pageConfig(html);
    const refs = [...html.matchAll(/(?:src|href)="([^"]+)"/g)]
      .map((m) => m[1]!)
      .filter((r) => r !== 'data:,')
      .concat(Object.values(config.workers));
    expect(refs).toHaveLength(5);
    for (const ref of refs) {
      expect(ref).toMatch(/^\/playground\/assets\/[\w.-]+\.[0-9a-f]{12}\.(js|css)$/);
      const response = await fetch(`${gateway.url}${ref}`);
      expect(response.status, ref).toBe(200);
      expect(response.headers.get('content-type')).toBe(
        ref.endsWith('.js') ? 'text/javascript; charset=utf-8' : 'text/css; charset=utf-8',
      );
      expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      const body = await response.text();
      expect(body.length).toBeGreaterThan(10_000);
      // Offline means no URL to fetch anything from elsewhere: no CDN, no remote import.
      expect(body).not.toMatch(/(import|importScripts)\s*\(\s*["']https?:/);
      expect(body).not.toContain('esm.sh');
    }
  }, 120_000);

  it('compresses assets for clients that accept gzip', async () => {
    const { html } = await page('/');
    const ref = /src="([^"]+playground[^"]+\.js)"/.exec(html)![1]!;
    const plain = Buffer.from(await (await fetch(`${gateway.url}${ref}`)).arrayBuffer());
    // fetch would decompress transparently; node:http shows the bytes as sent.
    const gzipped = await new Promise<{ encoding?: string; body: Buffer }>((resolve, reject) => {
      request(`${gateway.url}${ref}`, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ encoding: res.headers['content-encoding'], body: Buffer.concat(chunks) }),
        );
      })
        .on('error', reject)
        .end();
    });
    expect(gzipped.encoding).toBe('gzip');
    expect(gzipped.body.length).toBeLessThan(plain.length / 2);
    expect(gunzipSync(gzipped.body).equals(plain)).toBe(true);
  });

  it('leaves GraphQL GETs without Accept: text/html to Apollo, whose landing page is off', async () => {
    const response = await fetch(`${gateway.url}/graphql?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { __typename: 'Query' } });
  });

  it('offers a generic default query and no journeys for a schema that cannot run ours', async () => {
    const config = pageConfig((await page('/')).html);
    expect(config).toMatchObject({
      title: 'Freightgraph',
      endpoint: '/graphql',
      defaultQuery: GENERIC_QUERY,
    });
    expect(config.presets).toEqual([]);
    expect(config.signIn).toEqual({ path: '/dev/token', roles: SIGN_IN_ROLES });
  });
});

describe('POST /dev/token', () => {
  const mint = (body: string, contentType = 'application/json') =>
    fetch(`${gateway.url}/dev/token`, { method: 'POST', headers: { 'content-type': contentType }, body });

  it('mints a token for a role with the development key, the demo customer filled in', async () => {
    const response = await mint(JSON.stringify({ role: 'customer' }));
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const { token, claims } = (await response.json()) as { token: string; claims: Record<string, string> };
    expect(claims).toEqual({ sub: 'dev-customer', role: 'customer', customerId: demoCustomerId(0) });
    const keys = createLocalJWKSet(publicJwks(await ensureDevKey(dataDir, 'dev-access')));
    const { payload } = await jwtVerify(token, keys, { issuer: DEV_ISSUER, audience: DEV_AUDIENCE });
    expect(payload).toMatchObject(claims);
  });

  it('refuses an unknown role, mixed claims, bad JSON and anything but JSON, with a reason', async () => {
    for (const body of [
      JSON.stringify({ role: 'root' }),
      JSON.stringify({}),
      JSON.stringify({ role: 'admin', customerId: demoCustomerId(1) }),
      '{ role',
    ]) {
      const response = await mint(body);
      expect(response.status, body).toBe(400);
      expect(((await response.json()) as { error: string }).error).toMatch(/role|JSON/);
    }
    // A form post from another site is a "simple" request: JSON only keeps it out.
    expect((await mint('role=admin', 'application/x-www-form-urlencoded')).status).toBe(415);
    expect((await fetch(`${gateway.url}/dev/token`)).status).toBe(404);
  });
});

describe('default query', () => {
  it('is the cross-subgraph example for our API schema, and it is valid there', () => {
    const api = buildSchema(readFileSync(new URL('../../../schema/api.graphql', import.meta.url), 'utf8'));
    expect(defaultQueryFor(api)).toBe(EXAMPLE_QUERY);
  });

  it('falls back to a query any schema can run', () => {
    expect(defaultQueryFor(buildSchema('type Query { hello: String }'))).toBe(GENERIC_QUERY);
    expect(defaultQueryFor(undefined)).toBe(GENERIC_QUERY);
  });
});
