import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'graphql';
import { importJWK, SignJWT } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import { testViewer } from '../testing/tokens';
import { withAuthorization } from './directives';
import { ensureDevKey, publicJwks } from './keys';
import { createInternalTokenSigner, createInternalTokenVerifier, signAccessToken } from './tokens';
import { ANONYMOUS_VIEWER, viewerFromClaims } from './viewer';

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));
const tempDir = async () => {
  const dir = await mkdtemp(join(tmpdir(), 'fg-auth-'));
  dirs.push(dir);
  return dir;
};

describe('development keys', () => {
  it('are created once, even when every service asks at the same moment', async () => {
    const dir = await tempDir();
    const keys = await Promise.all(Array.from({ length: 8 }, () => ensureDevKey(dir, 'dev-internal')));
    expect(new Set(keys.map((k) => k.kid)).size).toBe(1);
    expect(publicJwks(keys[0]!).keys[0]).not.toHaveProperty('d');
  });
});

describe('internal tokens', () => {
  it('carry the viewer from the gateway to a subgraph', async () => {
    const key = await ensureDevKey(await tempDir(), 'dev-internal');
    const signer = await createInternalTokenSigner(key, 60);
    const verify = createInternalTokenVerifier(publicJwks(key));
    const viewer = testViewer('driver');
    expect(await verify(await signer.authorizationFor(viewer))).toEqual(viewer);
  });

  it('carry the anonymous viewer, which no access token can claim', async () => {
    const key = await ensureDevKey(await tempDir(), 'dev-internal');
    const signer = await createInternalTokenSigner(key, 60);
    const verify = createInternalTokenVerifier(publicJwks(key));
    expect(await verify(await signer.authorizationFor(ANONYMOUS_VIEWER))).toEqual(ANONYMOUS_VIEWER);
    expect(viewerFromClaims({ sub: 'anonymous', role: 'anonymous' })).toBeUndefined();
  });

  it('are refused when they are access tokens, from another key, or missing', async () => {
    const dir = await tempDir();
    const key = await ensureDevKey(dir, 'dev-internal');
    const verify = createInternalTokenVerifier(publicJwks(key));
    const access = await signAccessToken(key, { sub: 'x', role: 'admin' });
    await expect(verify(`Bearer ${access}`)).rejects.toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
    });
    const other = await createInternalTokenSigner(await ensureDevKey(await tempDir(), 'dev-internal'));
    await expect(verify(await other.authorizationFor(testViewer('admin')))).rejects.toThrow();
    await expect(verify(undefined)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    const expired = await new SignJWT({ role: 'admin' })
      .setProtectedHeader({ alg: 'ES256', kid: key.kid, typ: 'fg-internal+jwt' })
      .setSubject('x')
      .setIssuer('freightgraph-gateway')
      .setAudience('freightgraph-subgraphs')
      .setIssuedAt(Math.floor(Date.now() / 1000) - 120)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(await importJWK(key, 'ES256'));
    await expect(verify(`Bearer ${expired}`)).rejects.toMatchObject({
      extensions: { code: 'UNAUTHENTICATED', reason: 'INTERNAL_TOKEN_EXPIRED' },
    });
    // Only expiry says so: a foreign key's token is refused without a reason to retry.
    await expect(verify(await other.authorizationFor(testViewer('admin')))).rejects.not.toMatchObject({
      extensions: { reason: 'INTERNAL_TOKEN_EXPIRED' },
    });
  });
});

describe('viewerFromClaims', () => {
  it.each([
    [{ sub: 's', role: 'root' }],
    [{ sub: 's', role: 'customer' }],
    [{ sub: 's', role: 'driver', vehicleId: 'not-a-uuid' }],
    [{ role: 'admin' }],
  ])('refuses %j', (claims) => {
    expect(viewerFromClaims(claims)).toBeUndefined();
  });

  it('keeps only the claim that goes with the role', () => {
    const id = '5F0C7D3E-1B2A-4C3D-8E4F-0A1B2C3D4E5F';
    const viewer = viewerFromClaims({ sub: 's', role: 'customer', customerId: id, vehicleId: id });
    expect(viewer?.customerId).toBe(id.toLowerCase());
    expect(viewer).not.toHaveProperty('vehicleId');
  });
});

describe('withAuthorization', () => {
  const typeDefs = parse(`
    type Query { open: String, secret: String @requiresScopes(scopes: [["a", "b"], ["c"]]) }
    type Thing @authenticated @requiresScopes(scopes: [["things"]]) { id: ID! }
  `);
  const resolvers = withAuthorization(typeDefs, {
    Query: { open: () => 'open', secret: () => 'secret' },
    Thing: { __resolveReference: (ref: { id: string }) => ref },
  }) as unknown as {
    Query: Record<string, (p: unknown, a: unknown, c: unknown, i: unknown) => unknown>;
    Thing: Record<string, (...args: unknown[]) => unknown>;
  };
  const as = (scopes: string[]) => ({ viewer: { ...testViewer('admin'), scopes } });

  it('needs every scope of one group', () => {
    expect(resolvers.Query.open!({}, {}, as([]), {})).toBe('open');
    expect(resolvers.Query.secret!({}, {}, as(['a', 'b']), {})).toBe('secret');
    expect(resolvers.Query.secret!({}, {}, as(['c']), {})).toBe('secret');
    expect(() => resolvers.Query.secret!({}, {}, as(['a']), {})).toThrow(/requires the scope a and b or c/);
  });

  it('guards every field and the reference resolver of an annotated type', () => {
    expect(() => resolvers.Thing.id!({ id: '1' }, {}, as([]), {})).toThrow(/FORBIDDEN|requires/);
    expect(resolvers.Thing.id!({ id: '1' }, {}, as(['things']), { fieldName: 'id' })).toBe('1');
    expect(() => resolvers.Thing.__resolveReference!({ id: '1' }, {}, {})).toThrow(/bearer token/);
  });

  it('refuses the anonymous viewer with UNAUTHENTICATED where a viewer is required, and only there', () => {
    const anonymous = { viewer: ANONYMOUS_VIEWER };
    expect(resolvers.Query.open!({}, {}, anonymous, {})).toBe('open');
    expect(() => resolvers.Query.secret!({}, {}, anonymous, {})).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'UNAUTHENTICATED' }) }),
    );
    expect(() => resolvers.Thing.__resolveReference!({ id: '1' }, anonymous, {})).toThrow(/bearer token/);
  });
});
