import type { ApolloServerPlugin } from '@apollo/server';
import {
  type InternalTokenVerifier,
  operationMetricsPlugin,
  type RouteHandler,
  type ServiceMetrics,
  sendJson,
} from '@freightgraph/platform';
import type { GraphQLError } from 'graphql';
import type { GatewayContext } from './context';
import type { SubscriptionStats } from './subscriptions';

export interface GatewayMetricsOptions {
  metrics: ServiceMetrics;
  subscriptions: { stats(): SubscriptionStats };
  /** `/metrics` answers only internal tokens, like the subgraphs' (scrapers hold the internal key). */
  verifyInternalToken: InternalTokenVerifier;
}

/**
 * The gateway's Prometheus metrics: operations (the returned plugin), the subscription path's gauges
 * and counters read at scrape time, and `/metrics`. Subgraph fetches and rate-limit refusals are
 * counted where they happen, on the same registry.
 */
export function createGatewayMetrics(options: GatewayMetricsOptions) {
  const { metrics } = options;
  // One read of the subscription stats per scrape: each metric below takes its field from it.
  let stats: SubscriptionStats | undefined;
  const read = (key: keyof SubscriptionStats) => {
    stats ??= options.subscriptions.stats();
    return stats[key];
  };
  const gauge = (name: string, help: string, key: keyof SubscriptionStats) =>
    metrics.gauge({
      name,
      help,
      collect() {
        this.set(read(key));
      },
    });
  gauge('freightgraph_gateway_ws_connections', 'Open client WebSocket connections.', 'connections');
  gauge('freightgraph_gateway_subscriptions', 'Client subscriptions streaming.', 'clients');
  gauge(
    'freightgraph_gateway_upstream_subscriptions',
    'Upstream subscriptions (identical client ones share one).',
    'shared',
  );
  gauge(
    'freightgraph_gateway_upstream_connections',
    'Open WebSocket connections to subgraphs.',
    'upstreamConnections',
  );
  // Counters kept by the hub: exposed as counters, set from its running totals at scrape time.
  const total = (name: string, help: string, key: keyof SubscriptionStats) =>
    metrics.counter({
      name,
      help,
      collect() {
        this.reset();
        this.inc(read(key));
      },
    });
  total(
    'freightgraph_gateway_subscription_events_total',
    'Events executed (once per shared subscription).',
    'events',
  );
  total('freightgraph_gateway_subscription_deliveries_total', 'Events delivered to clients.', 'deliveries');
  total(
    'freightgraph_gateway_subscription_resubscribes_total',
    'Upstream subscriptions resumed from their last cursor after their subgraph went away.',
    'resubscribes',
  );
  total(
    'freightgraph_gateway_slow_clients_dropped_total',
    'Clients closed for not reading their events.',
    'slowClients',
  );

  const route: RouteHandler = async (req, res) => {
    try {
      await options.verifyInternalToken(req.headers.authorization);
    } catch (error) {
      const { message, extensions } = error as GraphQLError;
      return sendJson(res, 401, { errors: [{ message, extensions: { code: extensions?.code } }] });
    }
    stats = undefined;
    const body = await metrics.render();
    res.setHeader('content-type', metrics.contentType);
    res.end(body);
  };
  const plugin: ApolloServerPlugin<GatewayContext> = operationMetricsPlugin<GatewayContext>(metrics);
  return { plugin, routes: { '/metrics': route } as Record<string, RouteHandler> };
}
