/**
 * Hive Gateway's configuration for the bench (`hive-gateway supergraph <file> --config-path <this>`),
 * with only what these zero-trust subgraphs require, through Hive's documented options:
 *
 * - `jwt`: verify the client's bearer token against the identity provider's JWKS (ES256, issuer,
 *   audience), refusing a missing or invalid one. Its default forwarding of the claims in each subgraph
 *   request's `extensions` is turned off: the subgraphs take identity only from the internal token.
 * - `propagateHeaders.fromClientToSubgraphs`: an internal `authorization` for every subgraph call, minted
 *   from the verified claims with the platform's signer (`createInternalTokenSigner`, the same one our
 *   gateway and the stock entry use, reusing a token for half its lifetime).
 *
 * Everything else keeps Hive's defaults. Only the auth modules of the platform are imported, not its
 * index (which would load the subgraph server, logger and store code into Hive's process). Loaded by
 * Hive's own TypeScript importer, not tsx.
 */
import { createRemoteJwksSigningKeyProvider, defineConfig } from '@graphql-hive/gateway';
import { readKey } from '../../../packages/platform/src/auth/keys';
import { createInternalTokenSigner } from '../../../packages/platform/src/auth/tokens';
import { unauthenticated, viewerFromClaims } from '../../../packages/platform/src/auth/viewer';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`hive.config: ${name} is required`);
  return value;
}

const signingKey = await readKey(required('INTERNAL_SIGNING_KEY_FILE'));
if (!signingKey) throw new Error('hive.config: INTERNAL_SIGNING_KEY_FILE does not exist');
const signer = await createInternalTokenSigner(signingKey);

export const gatewayConfig = defineConfig({
  jwt: {
    signingKeyProviders: [createRemoteJwksSigningKeyProvider({ jwksUri: required('AUTH_JWKS_URL') })],
    tokenVerification: {
      algorithms: ['ES256'],
      issuer: required('AUTH_ISSUER'),
      audience: required('AUTH_AUDIENCE'),
    },
    reject: { missingToken: true, invalidToken: true },
    forward: { payload: false },
  },
  propagateHeaders: {
    fromClientToSubgraphs({ context }) {
      const claims = (context as { jwt?: { payload?: Record<string, unknown> } }).jwt?.payload;
      const viewer = claims && viewerFromClaims(claims);
      if (!viewer) throw unauthenticated();
      return signer.authorizationFor(viewer).then((authorization) => ({ authorization }));
    },
  },
});
