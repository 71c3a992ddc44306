import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEV_AUDIENCE, DEV_ISSUER, ensureDevKey, publicJwks, signAccessToken } from '@freightgraph/platform';
import { testViewer } from '@freightgraph/platform/testing';
import { createLocalJWKSet, type JWTVerifyGetKey } from 'jose';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { createAccessTokenVerifier } from './identity';

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));
afterEach(() => vi.useRealTimers());

async function setup(cache = true) {
  const dir = await mkdtemp(join(tmpdir(), 'identity-'));
  dirs.push(dir);
  const key = await ensureDevKey(dir, 'dev-access');
  const jwks = createLocalJWKSet(publicJwks(key));
  let lookups = 0;
  // Counts signature checks: jose asks for the key once per verification.
  const keys: JWTVerifyGetKey = (header, token) => {
    lookups++;
    return jwks(header, token);
  };
  const verify = createAccessTokenVerifier(keys, {
    issuer: DEV_ISSUER,
    audience: DEV_AUDIENCE,
    algorithms: ['ES256'],
    clockToleranceSeconds: 0,
    cache,
  });
  const sign = (expiresIn: string) => signAccessToken(key, testViewer('dispatcher'), { expiresIn });
  return { verify, sign, lookups: () => lookups };
}

describe('access token verification cache', () => {
  it('checks a repeated token once, and never caches a failure', async () => {
    const { verify, sign, lookups } = await setup();
    const token = `Bearer ${await sign('1h')}`;
    expect(await verify(token)).toMatchObject({ role: 'dispatcher' });
    expect(await verify(token)).toMatchObject({ role: 'dispatcher' });
    expect(lookups()).toBe(1);
    const forged = `${token.slice(0, -4)}AAAA`;
    await expect(verify(forged)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    await expect(verify(forged)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    expect(lookups()).toBe(3);
  });

  it('checks every request with TOKEN_CACHE=false', async () => {
    const { verify, sign, lookups } = await setup(false);
    const token = `Bearer ${await sign('1h')}`;
    for (let i = 0; i < 3; i++) expect(await verify(token)).toMatchObject({ role: 'dispatcher' });
    expect(lookups()).toBe(3);
  });

  it('stops honouring a cached token when it expires, and rechecks after a minute', async () => {
    const { verify, sign, lookups } = await setup();
    const short = `Bearer ${await sign('30s')}`;
    const long = `Bearer ${await sign('1h')}`;
    await verify(short);
    await verify(long);
    vi.useFakeTimers({ now: Date.now() + 31_000, toFake: ['Date'] });
    await expect(verify(short)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    await verify(long);
    expect(lookups()).toBe(3); // the expired one was checked again (and failed); the long one was cached
    vi.setSystemTime(Date.now() + 60_000);
    await verify(long);
    expect(lookups()).toBe(4);
  });
});
