import {
  bearerToken,
  createInternalTokenSigner,
  DEV_AUDIENCE,
  DEV_ISSUER,
  ensureDevKey,
  type InternalTokenSigner,
  publicJwks,
  readKey,
  unauthenticated,
  type Viewer,
  viewerFromClaims,
} from '@freightgraph/platform';
import { createLocalJWKSet, createRemoteJWKSet, type JWTVerifyGetKey, jwtVerify } from 'jose';
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
}

export function createAccessTokenVerifier(
  keys: JWTVerifyGetKey,
  options: { issuer: string; audience: string; algorithms: string[]; clockToleranceSeconds: number },
): AccessTokenVerifier {
  return async (authorization) => {
    if (authorization === undefined || authorization === '') return undefined;
    const token = bearerToken(authorization);
    if (!token) throw unauthenticated('Authorization must be "Bearer <JWT>"');
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
    return viewer;
  };
}

/**
 * Production: the identity provider's JWKS URL and the configured signing key. Development (and only
 * when nothing is configured): the keys generated under DATA_DIR, which `npm run token` signs with.
 */
export async function loadIdentity(config: Config): Promise<Identity> {
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
    }),
    internalAuthorizationFor: (viewer) => signer.authorizationFor(viewer),
  };
}

function devKey(config: Config, name: 'dev-access' | 'dev-internal') {
  // The config refuses production without keys; this guards against a future default slipping in.
  if (config.production) throw new Error(`no development keys in production (${name})`);
  return ensureDevKey(config.DATA_DIR, name);
}
