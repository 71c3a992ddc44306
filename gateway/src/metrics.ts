import type { RouteHandler } from '@freightgraph/platform';
import type { SubscriptionStats } from './subscriptions';

export interface GatewayMetricsSources {
  subscriptions: { stats(): SubscriptionStats };
}

/** The gateway's Prometheus exposition at `/metrics`. */
export function createGatewayMetrics(sources: GatewayMetricsSources) {
  const metrics: RouteHandler = (_req, res) => {
    const stats = sources.subscriptions.stats();
    res.setHeader('content-type', 'text/plain; version=0.0.4');
    res.end(
      [
        '# HELP freightgraph_gateway_ws_connections Open client WebSocket connections.',
        '# TYPE freightgraph_gateway_ws_connections gauge',
        `freightgraph_gateway_ws_connections ${stats.connections}`,
        '# HELP freightgraph_gateway_subscriptions Client subscriptions streaming.',
        '# TYPE freightgraph_gateway_subscriptions gauge',
        `freightgraph_gateway_subscriptions ${stats.clients}`,
        '# HELP freightgraph_gateway_upstream_subscriptions Upstream subscriptions (identical client ones share one).',
        '# TYPE freightgraph_gateway_upstream_subscriptions gauge',
        `freightgraph_gateway_upstream_subscriptions ${stats.shared}`,
        '# TYPE freightgraph_gateway_upstream_connections gauge',
        `freightgraph_gateway_upstream_connections ${stats.upstreamConnections}`,
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
  return { routes: { '/metrics': metrics } as Record<string, RouteHandler> };
}
