/**
 * The bench's identity setup, one for the whole run and the same for every contender: the two
 * development keys of one DATA_DIR (`ensureDevKey`, as every service generates them), a small JWKS
 * endpoint playing the identity provider, the token of the bench's one user, and the settings that
 * point every gateway and subgraph at those keys.
 *
 * The services run with NODE_ENV=production, where nothing falls back to the development keys, so
 * the bench names the same keys through the production variables (docs/SECURITY.md):
 * `AUTH_JWKS_URL`/`AUTH_ISSUER`/`AUTH_AUDIENCE` and `INTERNAL_SIGNING_KEY_FILE` for a gateway,
 * `INTERNAL_JWKS_FILE` for a subgraph.
 */
import { writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { join } from 'node:path';
import {
  createInternalTokenSigner,
  DEV_AUDIENCE,
  DEV_ISSUER,
  devKeysDir,
  ensureDevKey,
  publicJwks,
  ROLE_SCOPES,
  signAccessToken,
  type Viewer,
} from '@freightgraph/platform';
import type { CleanupStack } from '@freightgraph/platform/testing';

/** The bench's user: an admin sees every row, so every contender must return the same data. */
export const BENCH_VIEWER = { sub: 'bench', role: 'admin', scopes: ROLE_SCOPES.admin } satisfies Viewer;

/**
 * Subgraphs refuse internal tokens issued more than 300 s ago (`maxTokenAge`), so a token the bench
 * sends a subgraph directly is minted afresh for every load run, and a run may last at most this long.
 */
export const MAX_DIRECT_RUN_SECONDS = 240;

export interface BenchAuth {
  dataDir: string;
  /** `Bearer <access token>` of BENCH_VIEWER, valid 12 h: what every request to a gateway carries. */
  userAuthorization: string;
  /**
   * `Bearer <internal token>` of BENCH_VIEWER as a gateway would send it, for the bench's own calls to a
   * subgraph (the reference gateway, the ceilings, the subgraph-alone contender); valid for `seconds`.
   */
  internalAuthorization(seconds?: number): Promise<string>;
  /** A subgraph's environment: the gateway's public internal key, as a JWKS file. */
  subgraphEnv: NodeJS.ProcessEnv;
  /** Every gateway's identity settings: the identity provider and the internal signing key. */
  gatewayEnv: NodeJS.ProcessEnv;
}

export async function setUpBenchAuth(dataDir: string, cleanup: CleanupStack): Promise<BenchAuth> {
  const accessKey = await ensureDevKey(dataDir, 'dev-access');
  const internalKey = await ensureDevKey(dataDir, 'dev-internal');
  const internalJwksFile = join(devKeysDir(dataDir), 'dev-internal.jwks.json');
  await writeFile(internalJwksFile, `${JSON.stringify(publicJwks(internalKey))}\n`);

  const accessJwks = JSON.stringify(publicJwks(accessKey));
  const server = createServer((_request, response) => {
    response.setHeader('content-type', 'application/json');
    response.end(accessJwks);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanup.defer(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('the JWKS server has no port');

  const userToken = await signAccessToken(
    accessKey,
    { sub: BENCH_VIEWER.sub, role: BENCH_VIEWER.role },
    { expiresIn: '12h' },
  );
  return {
    dataDir,
    userAuthorization: `Bearer ${userToken}`,
    async internalAuthorization(seconds = 0) {
      // A fresh signer: its cache would otherwise hand back a token minted earlier in the run.
      const signer = await createInternalTokenSigner(internalKey, Math.max(60, seconds + 30));
      return signer.authorizationFor(BENCH_VIEWER);
    },
    subgraphEnv: {
      DATA_DIR: dataDir,
      INTERNAL_JWKS_FILE: internalJwksFile,
      // Production subgraphs sign their HTTP inbox deliveries (no NATS in the bench).
      INTERNAL_SIGNING_KEY_FILE: join(devKeysDir(dataDir), 'dev-internal.private.jwk.json'),
    },
    gatewayEnv: {
      DATA_DIR: dataDir,
      AUTH_JWKS_URL: `http://127.0.0.1:${address.port}/jwks.json`,
      AUTH_ISSUER: DEV_ISSUER,
      AUTH_AUDIENCE: DEV_AUDIENCE,
      INTERNAL_SIGNING_KEY_FILE: join(devKeysDir(dataDir), 'dev-internal.private.jwk.json'),
    },
  };
}
