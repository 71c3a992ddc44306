import { readFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { ApolloServer, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import {
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { type DocumentNode, type GraphQLError, type GraphQLSchema, parse } from 'graphql';
import { withAuthorization } from './auth/directives';
import type { InternalTokenVerifier } from './auth/tokens';
import type { Viewer } from './auth/viewer';
import { createErrorFormatter } from './errors';
import { createHttpServer, listen, type RouteHandler, sendJson } from './http';
import type { Logger } from './logger';
import type { PubSub } from './pubsub';
import { requestIdFrom } from './request-id';
import { serveSubscriptions } from './ws';

/** What every subgraph's context carries, besides its own loaders. */
export interface RequestInfo {
  requestId: string;
  /** The gateway's internal token, already verified into `viewer`. */
  authorization: string | undefined;
  /** Who is asking, from the verified internal token. */
  viewer: Viewer;
}

export interface SubgraphOptions<TContext extends BaseContext> {
  name: string;
  typeDefs: DocumentNode;
  // The generated resolver types are stricter than Apollo's map; each subgraph checks its own.
  resolvers: GraphQLResolverMap<TContext> | object;
  createContext: (request: RequestInfo) => TContext | Promise<TContext>;
  logger: Logger;
  /** Store probes for /health and /metrics. */
  store: { ping(): Promise<void>; statements(): number; close(): Promise<void> };
  production: boolean;
  maxBodyBytes?: number;
  /** The subgraph's event bus, when it has `Subscription` fields: counted in /metrics, closed on stop. */
  pubsub?: PubSub;
  /** WebSocket ping interval of the subscription server (default 12 s). */
  keepAliveMs?: number;
  /** POST routes beside /graphql (the event inbox). */
  postRoutes?: Record<string, RouteHandler>;
}

export interface RunningService {
  url: string;
  close(): Promise<void>;
}

/** Reads a subgraph's SDL file next to the calling module. */
export function loadSchemaFile(url: URL): DocumentNode {
  return parse(readFileSync(url, 'utf8'));
}

export function requestInfo(req: IncomingMessage, viewer: Viewer): RequestInfo {
  return {
    requestId: requestIdFrom(req.headers['x-request-id']),
    authorization: req.headers.authorization,
    viewer,
  };
}

/** The executable subgraph schema; `Subscription` resolvers (`subscribe`) are kept. */
export function subgraphSchema<TContext extends BaseContext>(
  options: SubgraphOptions<TContext>,
): GraphQLSchema {
  return buildSubgraphSchema([
    {
      typeDefs: options.typeDefs, // @authenticated / @requiresScopes of the SDL, enforced here (the gateway does not).
      resolvers: withAuthorization(options.typeDefs, options.resolvers) as GraphQLResolverMap<unknown>,
    },
  ]);
}

const errorFormatter = (logger: Logger) =>
  createErrorFormatter((error) => logger.error({ err: error }, 'internal error'));

export interface ServeOptions {
  port: number;
  host: string;
  /** Every request but `/health` must carry the gateway's internal token (zero trust between services). */
  verifyInternalToken: InternalTokenVerifier;
}

/** The subgraph's Apollo Server (not started): used by `startSubgraph` and by unit tests. */
export function buildSubgraphServer<TContext extends BaseContext>(
  options: SubgraphOptions<TContext>,
  plugins: ApolloServerPlugin<TContext>[] = [],
  schema: GraphQLSchema = subgraphSchema(options),
): ApolloServer<TContext> {
  return new ApolloServer<TContext>({
    schema,
    formatError: errorFormatter(options.logger),
    includeStacktraceInErrorResponses: false,
    introspection: !options.production,
    plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginInlineTraceDisabled(), ...plugins],
  });
}

/** Builds, starts and serves one subgraph over HTTP, with /health and /metrics beside /graphql. */
export async function startSubgraph<TContext extends BaseContext>(
  options: SubgraphOptions<TContext>,
  listenOn: ServeOptions,
): Promise<RunningService> {
  const { logger } = options;
  const counters = { requests: 0, errors: 0 };
  const counting: ApolloServerPlugin<TContext> = {
    async requestDidStart() {
      counters.requests++;
      return {
        async didEncounterErrors() {
          counters.errors++;
        },
      };
    },
  };
  const schema = subgraphSchema(options);
  const server = buildSubgraphServer(options, [counting], schema);
  const httpServer = createHttpServer<TContext>({
    server,
    // Refused before any GraphQL work: `_service`, `_entities` and every field need the internal token.
    context: async (req) =>
      options.createContext(requestInfo(req, await listenOn.verifyInternalToken(req.headers.authorization))),
    maxBodyBytes: options.maxBodyBytes ?? 1_000_000,
    postRoutes: options.postRoutes,
    routes: {
      '/health': async (_req, res) => {
        try {
          await options.store.ping();
          sendJson(res, 200, { status: 'ok', service: options.name });
        } catch (error) {
          logger.warn({ err: error }, 'health check failed');
          sendJson(res, 503, { status: 'unavailable', service: options.name });
        }
      },
      '/metrics': async (req, res) => {
        try {
          await listenOn.verifyInternalToken(req.headers.authorization);
        } catch (error) {
          const { message, extensions } = error as GraphQLError;
          return sendJson(res, 401, { errors: [{ message, extensions: { code: extensions?.code } }] });
        }
        res.setHeader('content-type', 'text/plain; version=0.0.4');
        const label = `{subgraph="${options.name}"}`;
        res.end(
          [
            '# HELP freightgraph_sql_statements_total SQL statements executed by this subgraph.',
            '# TYPE freightgraph_sql_statements_total counter',
            `freightgraph_sql_statements_total${label} ${options.store.statements()}`,
            '# TYPE freightgraph_graphql_requests_total counter',
            `freightgraph_graphql_requests_total${label} ${counters.requests}`,
            '# TYPE freightgraph_graphql_errors_total counter',
            `freightgraph_graphql_errors_total${label} ${counters.errors}`,
            ...subscriptionMetrics(label),
            '',
          ].join('\n'),
        );
      },
    },
  });
  const subscriptions = schema.getSubscriptionType()
    ? serveSubscriptions({
        httpServer,
        schema,
        path: '/graphql',
        createContext: options.createContext,
        verifyInternalToken: listenOn.verifyInternalToken,
        formatError: errorFormatter(logger),
        logger,
        keepAliveMs: options.keepAliveMs ?? 12_000,
      })
    : undefined;
  const subscriptionMetrics = (label: string) =>
    subscriptions
      ? [
          '# HELP freightgraph_ws_connections Open graphql-ws connections (the gateway multiplexes on one).',
          '# TYPE freightgraph_ws_connections gauge',
          `freightgraph_ws_connections${label} ${subscriptions.connections()}`,
          '# TYPE freightgraph_subscriptions_active gauge',
          `freightgraph_subscriptions_active${label} ${subscriptions.operations()}`,
          '# TYPE freightgraph_pubsub_subscribers gauge',
          `freightgraph_pubsub_subscribers${label} ${options.pubsub?.subscriberCount() ?? 0}`,
        ]
      : [];
  server.addPlugin(ApolloServerPluginDrainHttpServer({ httpServer }));
  await server.start();
  const url = await listen(httpServer, listenOn.port, listenOn.host);
  logger.info({ url: `${url}/graphql` }, `${options.name} subgraph ready`);
  return {
    url,
    close: async () => {
      // Upgraded sockets are no longer the HTTP server's: end them first, or the drain waits for them.
      await subscriptions?.close();
      await server.stop();
      await options.pubsub?.close();
      await options.store.close();
    },
  };
}

/** Entry point helper: start, stop cleanly on SIGINT/SIGTERM, and exit non-zero with one line on failure. */
export function runService(name: string, start: () => Promise<RunningService>): void {
  // Through a promise, so a synchronous throw (a config error) also ends as one clear line.
  Promise.resolve()
    .then(start)
    .then(
      (service) => {
        let stopping = false;
        const stop = (signal: string) => {
          if (stopping) return;
          stopping = true;
          service.close().then(
            () => process.exit(0),
            (error: unknown) => {
              console.error(`${name}: error while stopping on ${signal}: ${String(error)}`);
              process.exit(1);
            },
          );
        };
        process.once('SIGINT', () => stop('SIGINT'));
        process.once('SIGTERM', () => stop('SIGTERM'));
      },
      (error: unknown) => {
        console.error(`${name}: failed to start: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      },
    );
}
