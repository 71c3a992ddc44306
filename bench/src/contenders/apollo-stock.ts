/**
 * The baseline: stock `@apollo/gateway` + `@apollo/server` with their default settings (default fetcher,
 * standalone server, default plugins), serving the bench's supergraph file, plus the minimum any gateway
 * in front of these zero-trust subgraphs must do: verify the client's bearer token (UNAUTHENTICATED
 * otherwise) and send every subgraph an internal token for that user, minted with the platform's signer
 * (`createInternalTokenSigner`, which reuses a token for half its lifetime, as our gateway's does).
 * No limits, no rate limiting: stock Apollo has none. Only the port, the supergraph file and the keys
 * come from outside; the subgraph URLs are the ones in the file.
 */
import { readFileSync } from 'node:fs';
import {
  ApolloGateway,
  type GraphQLDataSourceProcessOptions,
  RemoteGraphQLDataSource,
} from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import {
  bearerToken,
  createInternalTokenSigner,
  parseConfig,
  readKey,
  unauthenticated,
  viewerFromClaims,
} from '@freightgraph/platform';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { z } from 'zod';

const config = parseConfig(
  'apollo-stock',
  z.object({
    PORT: z.coerce.number().int().min(1).max(65535),
    SUPERGRAPH_PATH: z.string().min(1),
    AUTH_JWKS_URL: z.url(),
    AUTH_ISSUER: z.string().min(1),
    AUTH_AUDIENCE: z.string().min(1),
    INTERNAL_SIGNING_KEY_FILE: z.string().min(1),
  }),
);

const accessKeys = createRemoteJWKSet(new URL(config.AUTH_JWKS_URL));
const signingKey = await readKey(config.INTERNAL_SIGNING_KEY_FILE);
if (!signingKey) throw new Error(`no key at ${config.INTERNAL_SIGNING_KEY_FILE}`);
const signer = await createInternalTokenSigner(signingKey);

interface Context {
  /** `Bearer <internal token>` for the subgraphs. */
  internalAuthorization: string;
}

/** The client's token, verified, exchanged for the internal token of the same user. */
async function internalAuthorizationOf(authorization: string | undefined): Promise<string> {
  const token = bearerToken(authorization);
  if (!token) throw unauthenticated();
  let viewer: ReturnType<typeof viewerFromClaims>;
  try {
    const { payload } = await jwtVerify(token, accessKeys, {
      algorithms: ['ES256'],
      issuer: config.AUTH_ISSUER,
      audience: config.AUTH_AUDIENCE,
      requiredClaims: ['sub', 'exp'],
    });
    viewer = viewerFromClaims(payload);
  } catch {
    throw unauthenticated();
  }
  if (!viewer) throw unauthenticated();
  return signer.authorizationFor(viewer);
}

class InternalTokenDataSource extends RemoteGraphQLDataSource<Context> {
  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<Context>) {
    if ('internalAuthorization' in context) {
      request.http?.headers.set('authorization', context.internalAuthorization);
    }
  }
}

const gateway = new ApolloGateway({
  supergraphSdl: readFileSync(config.SUPERGRAPH_PATH, 'utf8'),
  buildService: ({ url }) => new InternalTokenDataSource({ url }),
});
const server = new ApolloServer<Context>({ gateway });
const { url } = await startStandaloneServer(server, {
  listen: { port: config.PORT, host: '127.0.0.1' },
  context: async ({ req }) => ({
    internalAuthorization: await internalAuthorizationOf(req.headers.authorization),
  }),
});
console.log(`apollo-stock ready at ${url}`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void server.stop().then(() => process.exit(0)));
}
