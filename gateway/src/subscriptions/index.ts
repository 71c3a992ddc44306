import type { Server } from 'node:http';
import type { ApolloServerPlugin } from '@apollo/server';
import { ANONYMOUS_ROLE, type Logger, type Viewer } from '@freightgraph/platform';
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
 * Who opens the pooled subgraph connections: the gateway itself, as the anonymous role, so the
 * connection's token proves the gateway's signature and grants nothing; each subscription names its viewer.
 */
const GATEWAY_VIEWER: Viewer = { sub: 'service:gateway', role: ANONYMOUS_ROLE, scopes: [] };

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

export interface SubscriptionStats {
  /** Open client WebSocket connections. */
  connections: number;
  /** Client subscriptions streaming. */
  clients: number;
  /** Upstream subscriptions (identical client ones share one). */
  shared: number;
  upstreamConnections: number;
  /** Events executed (once per shared subscription). */
  events: number;
  deliveries: number;
  slowClients: number;
  /** Upstream subscriptions resumed from their last cursor after their subgraph went away. */
  resubscribes: number;
}

export interface SubscriptionsOptions {
  /** The gateway's own service builder, so events' entity fetches go through the same data source. */
  buildService: (definition: { name: string; url: string }) => SubgraphDataSource;
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
  keepAliveMs: number;
  clientQueueSize: number;
  /** See HubOptions.failoverWindowMs. */
  failoverWindowMs: number;
  failoverUrls?: Readonly<Record<string, readonly string[]>>;
  logger: Logger;
  /** The viewer of a `connection_init`'s `authorization`, as on the HTTP path (Security.authenticate). */
  authenticate: (authorization: string | undefined) => Promise<Viewer | undefined>;
  /** AUTH_MODE=required: a socket without a viewer is refused. */
  requireViewer: boolean;
  /** Mints the subgraphs' internal token. */
  identity: Pick<Identity, 'internalAuthorizationFor'>;
  /** False when AUTH_MODE=off: no internal token is minted, not even the gateway's own. */
  mintsTokens: boolean;
  /** See UpstreamOptions.maxConnections (SUBSCRIPTION_UPSTREAM_CONNECTIONS). */
  upstreamConnections: number;
  /** What each subgraph is sent (header rules, internal token), in `connection_init` here. */
  headers: SubgraphHeaders;
}

/**
 * Federated subscriptions for the Apollo gateway, which refuses them itself: plans with the query
 * planner, streams the primary fetch from its subgraph over graphql-ws, and runs the rest of the plan for
 * every event with the gateway's `executeQueryPlan`. Wire `supergraphLoaded` to
 * `gateway.onSchemaLoadOrUpdate`, `attach` to the HTTP server, `stats` into /metrics.
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
    maxConnections: options.upstreamConnections,
    logger: options.logger,
  });
  const hub = createHub({
    upstream,
    state: current,
    logger: options.logger,
    clientQueueSize: options.clientQueueSize,
    failoverWindowMs: options.failoverWindowMs,
    ...(options.failoverUrls ? { failoverUrls: options.failoverUrls } : {}),
    authorize: async ({ viewer }) => (viewer ? options.identity.internalAuthorizationFor(viewer) : undefined),
    headersFor: (serviceName, context) => options.headers.forSubgraph(serviceName, context),
    connectionParams: async (serviceName): Promise<Record<string, string>> =>
      options.mintsTokens && options.headers.trusts(serviceName)
        ? { authorization: await options.identity.internalAuthorizationFor(GATEWAY_VIEWER) }
        : {},
  });
  let sockets: ReturnType<typeof serveGatewaySockets> | undefined;

  return {
    /** Gauges and counters of the subscription path, read by the gateway's /metrics. */
    stats(): SubscriptionStats {
      const hubStats = hub.stats();
      return {
        connections: sockets?.connections() ?? 0,
        clients: hubStats.clients,
        shared: hubStats.shared,
        upstreamConnections: upstream.openConnections(),
        events: hubStats.events,
        deliveries: hubStats.deliveries,
        slowClients: hubStats.slowClients,
        resubscribes: hubStats.resubscribes,
      };
    },
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
