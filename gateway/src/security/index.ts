import type { IncomingMessage, Server } from 'node:http';
import type { ApolloServerOptionsWithGateway, ApolloServerPlugin } from '@apollo/server';
import type { Logger, ParsedRequest, ServiceMetrics } from '@freightgraph/platform';
import type { GraphQLSchema } from 'graphql';
import type { Config } from '../config';
import type { GatewayContext } from '../context';
import { authenticatedContext, authenticationPlugin } from './authentication';
import { hardenHttpServer, securityHeaders } from './http-hardening';
import { type Identity, loadIdentity } from './identity';
import { limitsPlugin } from './limits-plugin';
import { loadTrustedDocuments, trustedDocumentCache } from './persisted-documents';
import { createPreflight } from './preflight';
import { createRateLimiter } from './rate-limit';

export type { AccessTokenVerifier, Identity } from './identity';

type SecurityApolloOptions = Pick<
  ApolloServerOptionsWithGateway<GatewayContext>,
  'introspection' | 'persistedQueries' | 'hideSchemaDetailsFromClientErrors' | 'csrfPrevention'
>;

export interface Security {
  /**
   * Token verification and the internal-token signer. The graphql-ws path calls
   * `identity.verifyAccessToken(connectionParams.authorization)` once at `connection_init` and
   * `identity.internalAuthorizationFor(viewer)` for its subgraph connections.
   */
  identity: Identity;
  /** Wraps the gateway's context function: rate limit, authentication, internal token, preflight. */
  context(
    base: (req: IncomingMessage) => GatewayContext,
  ): (req: IncomingMessage, request: ParsedRequest) => Promise<GatewayContext>;
  /** Wire to `gateway.onSchemaLoadOrUpdate`: the preflight measures documents against it. */
  schemaChanged(apiSchema: GraphQLSchema): void;
  apolloOptions: SecurityApolloOptions;
  plugins: ApolloServerPlugin<GatewayContext>[];
  /** Headers for every HTTP response. */
  responseHeaders: Record<string, string>;
  harden(server: Server): void;
  close(): Promise<void>;
}

/** Everything the gateway does to refuse what it must: one place that wires the security modules. */
export async function createSecurity(
  config: Config,
  logger: Logger,
  metrics?: ServiceMetrics,
): Promise<Security> {
  const refused = metrics?.counter({
    name: 'freightgraph_gateway_rate_limited_total',
    help: 'Requests refused by the rate limiter (429).',
  });
  const identity = await loadIdentity(config);
  const trusted = config.TRUSTED_DOCUMENTS_PATH
    ? await loadTrustedDocuments(config.TRUSTED_DOCUMENTS_PATH)
    : undefined;
  const limiter = createRateLimiter(config, logger);
  const limits = {
    maxDepth: config.MAX_DEPTH,
    maxAliases: config.MAX_ALIASES,
    maxRootFields: config.MAX_ROOT_FIELDS,
    maxCost: config.MAX_COST,
  };
  const preflight = createPreflight({ ...limits, maxTokens: config.MAX_TOKENS, trusted });
  const plugins: ApolloServerPlugin<GatewayContext>[] = [authenticationPlugin, limitsPlugin(limits)];
  if (trusted) logger.info({ documents: trusted.size }, 'trusted documents only');
  return {
    identity,
    context: (base) =>
      authenticatedContext(base, {
        identity,
        limiter,
        anonymousIntrospection: config.INTROSPECTION && !config.production,
        preflight,
        onRateLimited: () => refused?.inc(),
      }),
    schemaChanged: (apiSchema) => preflight.schemaChanged(apiSchema),
    apolloOptions: {
      introspection: config.INTROSPECTION,
      persistedQueries: trusted ? { cache: trustedDocumentCache(trusted) } : config.APQ ? {} : false,
      // No "did you mean" field suggestions that map the schema for a caller who may not introspect it.
      hideSchemaDetailsFromClientErrors: !config.INTROSPECTION,
      csrfPrevention: true,
    },
    plugins,
    responseHeaders: securityHeaders(config.production),
    harden: (server) => hardenHttpServer(server, config.REQUEST_TIMEOUT_MS),
    close: () => limiter.close(),
  };
}
