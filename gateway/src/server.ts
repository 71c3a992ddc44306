import { randomUUID } from 'node:crypto';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  createHttpServer,
  createLogger,
  createServiceMetrics,
  drainGraceMs,
  type Logger,
  listen,
  type RouteHandler,
  type RunningService,
  requestLogPlugin,
} from '@freightgraph/platform';
import type { GraphQLSchema } from 'graphql';
import { type EntityCache, openEntityCache } from './cache';
import { cacheControlPlugin } from './cache/cache-control';
import type { Config } from './config';
import { createContext, type GatewayContext, requestIdPlugin } from './context';
import { createFetcher, createServiceBuilder, createSubgraphAgent, subgraphFetchMetrics } from './datasource';
import { createErrorFormatter } from './errors';
import { createGateway } from './gateway';
import { loadHeaderRules } from './headers/load';
import { createSubgraphHeaders } from './headers/subgraph-headers';
import { createHealth } from './health';
import { createGatewayMetrics } from './metrics';
import { createPlayground } from './playground';
import { createDevTokenRoute, DEV_TOKEN_PATH, SIGN_IN_ROLES } from './playground/dev-token';
import { createSecurity, type Security } from './security';
import { createSubscriptions, subscriptionsOverHttpPlugin } from './subscriptions';

const GRAPHQL_PATH = '/graphql';

export interface StartOptions {
  /** Defaults to a `gateway` logger at `LOG_LEVEL`; tests pass one that records. */
  logger?: Logger;
}

/** Builds and serves the gateway: /graphql, /health, /health/subgraphs and the playground at `/`. */
export async function startGateway(config: Config, options: StartOptions = {}): Promise<RunningService> {
  const logger = options.logger ?? createLogger('gateway', config.LOG_LEVEL);
  const agent = createSubgraphAgent(config.SUBGRAPH_TIMEOUT_MS);
  const metrics = createServiceMetrics({ service: 'gateway' });
  let started: ApolloServer<GatewayContext> | undefined;
  let security: Security | undefined;
  let cache: EntityCache | undefined;
  try {
    cache = await openEntityCache(config, logger, metrics);
    security = await createSecurity(config, logger, metrics);
    const headers = createSubgraphHeaders(
      loadHeaderRules(config.GATEWAY_HEADERS_FILE),
      config.INTERNAL_TOKEN_SUBGRAPHS,
    );
    const gatewayOptions = {
      supergraphPath: config.SUPERGRAPH_PATH,
      watch: config.SUPERGRAPH_WATCH,
      fetcher: createFetcher(agent, config.SUBGRAPH_TIMEOUT_MS, config.SUBGRAPH_DEDUPE),
      timeoutMs: config.SUBGRAPH_TIMEOUT_MS,
      urlOverrides: config.urlOverrides,
      logger,
      headers,
      metrics: subgraphFetchMetrics(metrics),
      cache,
    };
    // One service builder for queries and subscription events: same pool, headers and error mapping.
    const buildService = createServiceBuilder(gatewayOptions);
    const gateway = createGateway(gatewayOptions, buildService);
    const formatError = createErrorFormatter(config.production, logger);
    const subscriptions = createSubscriptions({
      buildService,
      formatError,
      keepAliveMs: config.SUBSCRIPTION_KEEPALIVE_MS,
      clientQueueSize: config.SUBSCRIPTION_CLIENT_QUEUE,
      failoverWindowMs: config.SUBSCRIPTION_FAILOVER_WINDOW_MS,
      failoverUrls: config.SUBSCRIPTION_FAILOVER_URLS,
      logger,
      authenticate: security.authenticate,
      requireViewer: config.AUTH_MODE === 'required',
      identity: security.identity,
      mintsTokens: config.AUTH_MODE !== 'off',
      upstreamConnections: config.SUBSCRIPTION_UPSTREAM_CONNECTIONS,
      headers,
    });
    const health = createHealth({
      dispatcher: agent,
      urlOverrides: config.urlOverrides,
      probeTimeoutMs: Math.min(config.SUBGRAPH_TIMEOUT_MS, 2_000),
      showUrls: !config.production,
      instanceId: config.INSTANCE_ID ?? randomUUID(),
    });
    // Development sign-in: only outside production, and only while access tokens are checked against
    // the development key (with an identity provider configured, its tokens would not verify).
    const devTokens = !config.production && !config.AUTH_JWKS_URL;
    const playground = config.PLAYGROUND
      ? await createPlayground({
          endpoint: GRAPHQL_PATH,
          logger,
          ...(devTokens ? { signIn: { path: DEV_TOKEN_PATH, roles: SIGN_IN_ROLES } } : {}),
        })
      : undefined;
    gateway.onSchemaLoadOrUpdate(({ apiSchema, coreSupergraphSdl }) => {
      health.supergraphLoaded(coreSupergraphSdl);
      subscriptions.supergraphLoaded(coreSupergraphSdl);
      security?.schemaChanged(apiSchema);
      cache?.schemaChanged(apiSchema);
      servedSchema = apiSchema;
      playground?.schemaChanged(apiSchema);
    });

    let servedSchema: GraphQLSchema | undefined;
    const gatewayMetrics = createGatewayMetrics({
      metrics,
      subscriptions,
      verifyInternalToken: security.identity.verifyInternalToken,
    });
    const server = new ApolloServer<GatewayContext>({
      gateway,
      formatError,
      // Stack traces are logged, never sent: they describe the gateway's internals, not the client's query.
      includeStacktraceInErrorResponses: false,
      // runService owns SIGINT/SIGTERM (Apollo's handler would re-raise the signal mid-drain).
      stopOnTerminationSignals: false,
      ...security.apolloOptions,
      logger,
      plugins: [
        ApolloServerPluginLandingPageDisabled(),
        ApolloServerPluginUsageReportingDisabled(),
        ApolloServerPluginSchemaReportingDisabled(),
        requestIdPlugin,
        gatewayMetrics.plugin,
        requestLogPlugin(logger),
        subscriptionsOverHttpPlugin,
        cacheControlPlugin(() => servedSchema, config.ENTITY_CACHE_DEFAULT_TTL_S),
        ...security.plugins,
      ],
    });
    const routes: Record<string, RouteHandler> = { ...health.routes, ...gatewayMetrics.routes };
    if (playground) Object.assign(routes, playground.routes, { '/': playground.page });
    if (devTokens) {
      routes[`POST ${DEV_TOKEN_PATH}`] = createDevTokenRoute({
        dataDir: config.DATA_DIR,
        issuer: config.AUTH_ISSUER,
        audience: config.AUTH_AUDIENCE,
      });
    }
    const httpServer = createHttpServer<GatewayContext>({
      server,
      context: security.context((req) => createContext(req, headers.pick)),
      path: GRAPHQL_PATH,
      maxBodyBytes: config.MAX_BODY_BYTES,
      routes,
      ...(playground ? { html: playground.page } : {}),
      responseHeaders: security.responseHeaders,
      timeouts: { headersMs: config.HEADERS_TIMEOUT_MS, requestMs: config.REQUEST_TIMEOUT_MS },
    });
    subscriptions.attach(httpServer, GRAPHQL_PATH);
    const shutdown = { timeoutMs: config.SHUTDOWN_TIMEOUT_MS, delayMs: config.SHUTDOWN_DELAY_MS };
    server.addPlugin(
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: drainGraceMs(shutdown) }),
    );
    await server.start();
    started = server;
    const url = await listen(httpServer, config.PORT, config.HOST);
    logger.info({ url: `${url}${GRAPHQL_PATH}`, supergraph: config.SUPERGRAPH_PATH }, 'gateway ready');
    return {
      url,
      drain: health.drain,
      shutdown,
      close: async () => {
        // Upgraded sockets are not the HTTP server's to drain: clients get 1001 Going away (and
        // reconnect elsewhere) while `server.stop` stops accepting and lets in-flight requests finish.
        await Promise.all([subscriptions.close(), server.stop()]);
        await agent.close();
        await security?.close();
        await cache?.close();
      },
    };
  } catch (error) {
    await started?.stop();
    await agent.close();
    await security?.close();
    await cache?.close();
    throw error;
  }
}
