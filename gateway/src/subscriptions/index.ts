import type { Server } from 'node:http';
import type { ApolloServerPlugin } from '@apollo/server';
import type { Logger, RouteHandler, Viewer } from '@freightgraph/platform';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { GatewayContext } from '../context';
import type { SubgraphDataSource } from '../datasource';
import type { SubgraphHeaders } from '../headers/subgraph-headers';
import type { Identity } from '../security';
import { createHub } from './hub';
import { loadSupergraph, type SupergraphState } from './planner';
import { createUpstream } from './upstream';
import { serveGatewaySockets } from './ws-server';

export { SLOW_CLIENT_CLOSE_CODE } from './ws-server';

/**
 * A subscription POSTed over HTTP would reach the gateway's executor, which throws (a 500): answer 400
 * naming the transport instead.
 */
export const subscriptionsOverHttpPlugin: ApolloServerPlugin<GatewayContext> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ operation }) {
        if (operation?.operation !== 'subscription') return;
        throw new GraphQLError(
          'Subscriptions are served over WebSocket (graphql-transport-ws) at this same path, not over HTTP',
          { extensions: { code: 'BAD_REQUEST', http: { status: 400 } } },
        );
      },
    };
  },
};

export interface SubscriptionsOptions {
  /** The gateway's own service builder, so events' entity fetches go through the same data source. */
  buildService: (definition: { name: string; url: string }) => SubgraphDataSource;
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
  keepAliveMs: number;
  clientQueueSize: number;
  logger: Logger;
  /** The viewer of a `connection_init`'s `authorization`, as on the HTTP path (Security.authenticate). */
  authenticate: (authorization: string | undefined) => Promise<Viewer | undefined>;
  /** AUTH_MODE=required: a socket without a viewer is refused. */
  requireViewer: boolean;
  /** Mints the subgraphs' internal token. */
  identity: Pick<Identity, 'internalAuthorizationFor'>;
  /** What each subgraph is sent (header rules, internal token), in `connection_init` here. */
  headers: SubgraphHeaders;
}

/**
 * Federated subscriptions for the Apollo gateway, which refuses them itself: plans with the query
 * planner, streams the primary fetch from its subgraph over graphql-ws, and runs the rest of the plan for
 * every event with the gateway's `executeQueryPlan`. Wire `supergraphLoaded` to
 * `gateway.onSchemaLoadOrUpdate`, `attach` to the HTTP server, `routes` beside the others.
 */
export function createSubscriptions(options: SubscriptionsOptions) {
  let state: SupergraphState | undefined;
  const current = () => {
    if (!state) throw new Error('no supergraph loaded');
    return state;
  };
  const upstream = createUpstream({
    keepAliveMs: options.keepAliveMs,
    lingerMs: 2_000,
    logger: options.logger,
  });
  const hub = createHub({
    upstream,
    state: current,
    logger: options.logger,
    clientQueueSize: options.clientQueueSize,
    authorize: async ({ viewer }) => (viewer ? options.identity.internalAuthorizationFor(viewer) : undefined),
    connectionParams: (serviceName, context) => options.headers.forSubgraph(serviceName, context),
  });
  let sockets: ReturnType<typeof serveGatewaySockets> | undefined;

  const metrics: RouteHandler = (_req, res) => {
    const stats = hub.stats();
    res.setHeader('content-type', 'text/plain; version=0.0.4');
    res.end(
      [
        '# HELP freightgraph_gateway_ws_connections Open client WebSocket connections.',
        '# TYPE freightgraph_gateway_ws_connections gauge',
        `freightgraph_gateway_ws_connections ${sockets?.connections() ?? 0}`,
        '# HELP freightgraph_gateway_subscriptions Client subscriptions streaming.',
        '# TYPE freightgraph_gateway_subscriptions gauge',
        `freightgraph_gateway_subscriptions ${stats.clients}`,
        '# HELP freightgraph_gateway_upstream_subscriptions Upstream subscriptions (identical client ones share one).',
        '# TYPE freightgraph_gateway_upstream_subscriptions gauge',
        `freightgraph_gateway_upstream_subscriptions ${stats.shared}`,
        '# TYPE freightgraph_gateway_upstream_connections gauge',
        `freightgraph_gateway_upstream_connections ${upstream.openConnections()}`,
        '# HELP freightgraph_gateway_subscription_events_total Events executed (once per shared subscription).',
        '# TYPE freightgraph_gateway_subscription_events_total counter',
        `freightgraph_gateway_subscription_events_total ${stats.events}`,
        '# TYPE freightgraph_gateway_subscription_deliveries_total counter',
        `freightgraph_gateway_subscription_deliveries_total ${stats.deliveries}`,
        '# TYPE freightgraph_gateway_slow_clients_dropped_total counter',
        `freightgraph_gateway_slow_clients_dropped_total ${stats.slowClients}`,
        '',
      ].join('\n'),
    );
  };

  return {
    routes: { '/metrics': metrics } as Record<string, RouteHandler>,
    supergraphLoaded(supergraphSdl: string): void {
      const generation = (state?.generation ?? 0) + 1;
      state = loadSupergraph(supergraphSdl, generation, options.buildService);
      if (generation > 1) hub.supergraphChanged();
    },
    attach(httpServer: Server, path: string): void {
      sockets = serveGatewaySockets({
        httpServer,
        path,
        hub,
        state: () => state,
        formatError: options.formatError,
        keepAliveMs: options.keepAliveMs,
        clientQueueSize: options.clientQueueSize,
        logger: options.logger,
        authenticate: options.authenticate,
        requireViewer: options.requireViewer,
        pickHeaders: options.headers.pick,
      });
    },
    async close(): Promise<void> {
      hub.close();
      await sockets?.close();
      await upstream.close();
    },
  };
}
