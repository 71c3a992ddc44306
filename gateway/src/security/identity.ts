import {
  ANONYMOUS_VIEWER,
  bearerToken,
  createInternalTokenSigner,
  createInternalTokenVerifier,
  DEV_AUDIENCE,
  DEV_ISSUER,
  ensureDevKey,
  type InternalTokenSigner,
  type InternalTokenVerifier,
  publicJwks,
  readKey,
  unauthenticated,
  type Viewer,
  viewerFromClaims,
} from '@freightgraph/platform';
import { createLocalJWKSet, createRemoteJWKSet, type JWTVerifyGetKey, jwtVerify } from 'jose';
import { LRUCache } from 'lru-cache';
import type { Config } from '../config';

/**
 * Verifies a client's `Authorization` value (an HTTP header, or the `authorization` field of a
 * graphql-ws `connection_init` payload): undefined when absent, the viewer when valid, and
 * UNAUTHENTICATED for anything else (bad signature, `alg: none` or HS*, expired, not yet valid, wrong
 * issuer or audience, unknown role).
 */
export type AccessTokenVerifier = (authorization: string | undefined) => Promise<Viewer | undefined>;

export interface Identity {
  verifyAccessToken: AccessTokenVerifier;
  /** `Bearer <internal token>` for the subgraphs, signed by the gateway (short-lived). */
  internalAuthorizationFor: InternalTokenSigner['authorizationFor'];
  /** The subgraphs' check of internal tokens, with the gateway's own key: guards its `/metrics`. */
  verifyInternalToken: InternalTokenVerifier;
}

/** How long a verified token is trusted without checking its signature again (never past its `exp`). */
const VERIFIED_TTL_MS = 60_000;
const VERIFIED_MAX_ENTRIES = 10_000;

export function createAccessTokenVerifier(
  keys: JWTVerifyGetKey,
  options: {
    issuer: string;
    audience: string;
    algorithms: string[];
    clockToleranceSeconds: number;
    /** Off (TOKEN_CACHE=false): every request's signature is checked, as with one token per request. */
    cache?: boolean;
  },
): AccessTokenVerifier {
  // A client sends the same token on every request: checking its signature once per minute instead of
  // once per request takes the ES256 verification (~0.8 ms) off the hot path. Only successes are kept,
  // keyed by the exact token, until the earlier of its expiry and one minute, so a key withdrawn from the
  // JWKS stops being honoured within a minute. Least recently used tokens go first when it is full.
  // Wall-clock time (not lru-cache's default monotonic clock), the clock `exp` is stated in.
  const verified = new LRUCache<string, Viewer>({
    max: VERIFIED_MAX_ENTRIES,
    ttl: VERIFIED_TTL_MS,
    perf: { now: () => Date.now() },
    ttlResolution: 0,
  });
  return async (authorization) => {
    if (authorization === undefined || authorization === '') return undefined;
    const token = bearerToken(authorization);
    if (!token) throw unauthenticated('Authorization must be "Bearer <JWT>"');
    const hit = options.cache === false ? undefined : verified.get(token);
    if (hit) return hit;
    let claims: Record<string, unknown>;
    try {
      ({ payload: claims } = await jwtVerify(token, keys, {
        algorithms: options.algorithms,
        issuer: options.issuer,
        audience: options.audience,
        clockTolerance: options.clockToleranceSeconds,
        requiredClaims: ['sub', 'exp'],
      }));
    } catch {
      // Which check failed is logged nowhere and told to nobody: it only helps a forger.
      throw unauthenticated('The bearer token is invalid or expired');
    }
    const viewer = viewerFromClaims(claims);
    if (!viewer) throw unauthenticated('The bearer token does not name a known role');
    if (options.cache === false) return viewer;
    const ttl = Math.min(Number(claims.exp) * 1000 - Date.now(), VERIFIED_TTL_MS);
    if (ttl > 0) verified.set(token, viewer, { ttl });
    return viewer;
  };
}

/**
 * AUTH_MODE=off: none. Production: the identity provider's JWKS URL and the configured signing key. Development (and only
 * when nothing is configured): the keys generated under DATA_DIR, which `npm run token` signs with.
 */
export async function loadIdentity(config: Config): Promise<Identity> {
  // AUTH_MODE=off: no token is read, so no keys are loaded (nor generated) and none is ever minted.
  if (config.AUTH_MODE === 'off') {
    return {
      verifyAccessToken: async () => undefined,
      internalAuthorizationFor: async () => {
        throw new Error('AUTH_MODE=off mints no internal tokens');
      },
      // No keys to check a scraper's token with: /metrics is left to the network (see README).
      verifyInternalToken: async () => ANONYMOUS_VIEWER,
    };
  }
  const accessKeys = config.AUTH_JWKS_URL
    ? createRemoteJWKSet(new URL(config.AUTH_JWKS_URL))
    : createLocalJWKSet(publicJwks(await devKey(config, 'dev-access')));
  const signingKey = config.INTERNAL_SIGNING_KEY_FILE
    ? await readKey(config.INTERNAL_SIGNING_KEY_FILE)
    : await devKey(config, 'dev-internal');
  if (!signingKey)
    throw new Error(`INTERNAL_SIGNING_KEY_FILE ${config.INTERNAL_SIGNING_KEY_FILE} does not exist`);
  const signer = await createInternalTokenSigner(signingKey, config.INTERNAL_TOKEN_TTL_S);
  return {
    verifyAccessToken: createAccessTokenVerifier(accessKeys, {
      issuer: config.AUTH_ISSUER ?? DEV_ISSUER,
      audience: config.AUTH_AUDIENCE ?? DEV_AUDIENCE,
      algorithms: config.AUTH_ALGORITHMS,
      clockToleranceSeconds: config.AUTH_CLOCK_TOLERANCE_S,
      cache: config.TOKEN_CACHE,
    }),
    internalAuthorizationFor: (viewer) => signer.authorizationFor(viewer),
    verifyInternalToken: createInternalTokenVerifier(publicJwks(signingKey)),
  };
}

function devKey(config: Config, name: 'dev-access' | 'dev-internal') {
  // The config refuses production without keys; this guards against a future default slipping in.
  if (config.production) throw new Error(`no development keys in production (${name})`);
  return ensureDevKey(config.DATA_DIR, name);
}
