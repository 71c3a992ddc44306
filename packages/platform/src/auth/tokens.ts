import { createLocalJWKSet, createRemoteJWKSet, errors, importJWK, type JWK, jwtVerify, SignJWT } from 'jose';
import type { PrivateJwk } from './keys';
import {
  ANONYMOUS_ROLE,
  ANONYMOUS_VIEWER,
  type Role,
  unauthenticated,
  type Viewer,
  viewerFromClaims,
} from './viewer';

/** Internal tokens: issued by the gateway for the subgraphs only, never accepted anywhere else. */
export const INTERNAL_ISSUER = 'freightgraph-gateway';
export const INTERNAL_AUDIENCE = 'freightgraph-subgraphs';
/** Their `typ` header, so an access token can never pass for one even under the same key. */
export const INTERNAL_TOKEN_TYPE = 'fg-internal+jwt';
export const INTERNAL_ALGORITHMS = ['ES256'];

/** Issuer and audience of the access tokens the embedded default mints (`npm run token`). */
export const DEV_ISSUER = 'freightgraph-dev';
export const DEV_AUDIENCE = 'freightgraph';

// A JWT this long is not ours; refuse it before any parsing.
const MAX_TOKEN_LENGTH = 8_192;
const BEARER = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/;

/** The token of an `Authorization: Bearer <JWT>` header; undefined for anything else. */
export function bearerToken(authorization: string | undefined): string | undefined {
  if (!authorization || authorization.length > MAX_TOKEN_LENGTH) return undefined;
  return BEARER.exec(authorization)?.[1];
}

export interface AccessTokenClaims {
  sub: string;
  role: Role;
  customerId?: string | undefined;
  vehicleId?: string | undefined;
}

/** Signs a user's access token; `npm run token` and the tests mint with the same dev key the gateway trusts. */
export async function signAccessToken(
  key: PrivateJwk,
  claims: AccessTokenClaims,
  options: { issuer?: string; audience?: string; expiresIn?: string | number } = {},
): Promise<string> {
  const { sub, ...rest } = claims;
  return new SignJWT({ ...rest })
    .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'JWT' })
    .setSubject(sub)
    .setIssuer(options.issuer ?? DEV_ISSUER)
    .setAudience(options.audience ?? DEV_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '12h')
    .sign(await importJWK(key, key.alg));
}

export interface InternalTokenSigner {
  /** `Bearer <token>` for this viewer, valid for the signer's TTL. */
  authorizationFor(viewer: Viewer): Promise<string>;
}

/**
 * The gateway's signer. Tokens are reused for half their lifetime: a client's burst of requests costs
 * one signature, and every token a subgraph sees still has at least half its TTL left.
 */
export async function createInternalTokenSigner(
  key: PrivateJwk,
  ttlSeconds = 60,
): Promise<InternalTokenSigner> {
  const privateKey = await importJWK(key, key.alg);
  const cache = new Map<string, { value: string; renewAt: number }>();
  return {
    async authorizationFor(viewer) {
      const cacheKey = [viewer.sub, viewer.role, viewer.customerId ?? '', viewer.vehicleId ?? ''].join('|');
      const now = Date.now();
      const hit = cache.get(cacheKey);
      if (hit && hit.renewAt > now) return hit.value;
      const token = await new SignJWT({
        role: viewer.role,
        ...(viewer.customerId ? { customerId: viewer.customerId } : {}),
        ...(viewer.vehicleId ? { vehicleId: viewer.vehicleId } : {}),
      })
        .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: INTERNAL_TOKEN_TYPE })
        .setSubject(viewer.sub)
        .setIssuer(INTERNAL_ISSUER)
        .setAudience(INTERNAL_AUDIENCE)
        .setIssuedAt()
        .setExpirationTime(Math.floor(now / 1000) + ttlSeconds)
        .sign(privateKey);
      if (cache.size >= 10_000) cache.clear();
      const value = `Bearer ${token}`;
      cache.set(cacheKey, { value, renewAt: now + (ttlSeconds * 1000) / 2 });
      return value;
    },
  };
}

/** Where a subgraph finds the gateway's public keys: a JWKS document, or a URL serving one. */
export type JwksSource = { keys: JWK[] } | URL;

/**
 * `extensions.reason` of the UNAUTHENTICATED error for an internal token that was valid but has
 * expired: the gateway's to renew and retry (a subscribe message can wait long in a busy subgraph),
 * unlike a forged or foreign one.
 */
export const INTERNAL_TOKEN_EXPIRED = 'INTERNAL_TOKEN_EXPIRED';

/** Verifies an `Authorization` header carrying an internal token; UNAUTHENTICATED otherwise. */
export type InternalTokenVerifier = (authorization: string | undefined) => Promise<Viewer>;

/**
 * The subgraphs' check, run on every request (HTTP, and once per WebSocket connection at
 * `connection_init`): algorithm pinned, issuer, audience, `typ` and a short lifetime all required.
 */
export function createInternalTokenVerifier(
  jwks: JwksSource,
  options: { clockToleranceSeconds?: number; maxAgeSeconds?: number } = {},
): InternalTokenVerifier {
  const keys = jwks instanceof URL ? createRemoteJWKSet(jwks) : createLocalJWKSet(jwks);
  return async (authorization) => {
    const token = bearerToken(authorization);
    if (!token) throw unauthenticated('This service accepts only requests from the gateway');
    let claims: Record<string, unknown>;
    try {
      ({ payload: claims } = await jwtVerify(token, keys, {
        algorithms: INTERNAL_ALGORITHMS,
        issuer: INTERNAL_ISSUER,
        audience: INTERNAL_AUDIENCE,
        typ: INTERNAL_TOKEN_TYPE,
        requiredClaims: ['sub', 'iat', 'exp'],
        clockTolerance: options.clockToleranceSeconds ?? 5,
        maxTokenAge: options.maxAgeSeconds ?? 300,
      }));
    } catch (error) {
      if (error instanceof errors.JWTExpired) {
        const expired = unauthenticated('The internal token has expired');
        expired.extensions.reason = INTERNAL_TOKEN_EXPIRED;
        throw expired;
      }
      throw unauthenticated('This service accepts only requests from the gateway');
    }
    // The anonymous viewer is the gateway's to name (AUTH_MODE=optional), never an access token's.
    const viewer = claims.role === ANONYMOUS_ROLE ? ANONYMOUS_VIEWER : viewerFromClaims(claims);
    if (!viewer) throw unauthenticated('This service accepts only requests from the gateway');
    return viewer;
  };
}
