import { randomUUID } from 'node:crypto';
import type { BaseContext } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { createHttpServer, listen } from '../http';
import { drainGraceMs, type RunningService } from '../lifecycle';
import { createServiceMetrics } from '../metrics';
import { createProbes } from '../probes';
import { requestLogPlugin } from '../request-log';
import { type SubscriptionServer, serveSubscriptions } from '../ws';
import { buildSubgraphServer, subgraphErrorFormatter } from './apollo';
import { changedIdsPlugin } from './changes-plugin';
import { subgraphMetricsPlugin } from './metrics';
import type { ServeOptions, SubgraphOptions } from './options';
import { requestInfo } from './request';
import { subgraphRoutes } from './routes';
import { subgraphSchema } from './schema';

/** Builds, starts and serves one subgraph over HTTP, with /health and /metrics beside /graphql. */
export async function startSubgraph<TContext extends BaseContext>(
  options: SubgraphOptions<TContext>,
  listenOn: ServeOptions,
): Promise<RunningService> {
  const { logger } = options;
  let subscriptions: SubscriptionServer | undefined;
  const metrics = listenOn.metrics ?? createServiceMetrics({ subgraph: options.name });
  const metricsPlugin = subgraphMetricsPlugin<TContext>({
    metrics,
    pubsub: options.pubsub,
    subscriptions: () => subscriptions,
  });
  const instance = listenOn.instanceId ?? randomUUID();
  const probes = createProbes({
    service: options.name,
    instance,
    logger,
    checks: { store: () => options.store.ping(), ...listenOn.readiness },
  });
  const schema = subgraphSchema(options);
  const server = buildSubgraphServer(
    options,
    [metricsPlugin, requestLogPlugin(logger), changedIdsPlugin<TContext>()],
    schema,
  );
  const httpServer = createHttpServer<TContext>({
    server,
    // Refused before any GraphQL work: `_service`, `_entities` and every field need the internal token.
    context: async (req) =>
      options.createContext(requestInfo(req, await listenOn.verifyInternalToken(req.headers.authorization))),
    maxBodyBytes: options.maxBodyBytes ?? 1_000_000,
    ...(listenOn.timeouts ? { timeouts: listenOn.timeouts } : {}),
    routes: {
      ...subgraphRoutes({
        ...options,
        verifyInternalToken: listenOn.verifyInternalToken,
        metrics,
        instance,
      }),
      ...probes.routes,
      // `"POST /events"`: the event inbox, beside the routes every subgraph has.
      ...options.postRoutes,
    },
  });
  if (schema.getSubscriptionType()) {
    subscriptions = serveSubscriptions({
      httpServer,
      schema,
      path: '/graphql',
      createContext: options.createContext,
      verifyInternalToken: listenOn.verifyInternalToken,
      formatError: subgraphErrorFormatter(logger),
      logger,
      keepAliveMs: options.keepAliveMs ?? 12_000,
    });
  }
  server.addPlugin(
    ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: drainGraceMs(listenOn.shutdown) }),
  );
  await server.start();
  const url = await listen(httpServer, listenOn.port, listenOn.host);
  logger.info({ url: `${url}/graphql` }, `${options.name} subgraph ready`);
  return {
    url,
    drain: probes.drain,
    ...(listenOn.shutdown ? { shutdown: listenOn.shutdown } : {}),
    close: async () => {
      // Upgraded sockets are no longer the HTTP server's: end them (1001 Going away) with the HTTP
      // drain, or the drain waits for them. `server.stop` stops accepting and waits for in-flight requests.
      await Promise.all([subscriptions?.close(), server.stop()]);
      await listenOn.afterDrain?.();
      await options.pubsub?.close();
      await options.store.close();
    },
  };
}
