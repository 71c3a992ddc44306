import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { ServiceMetrics } from '../metrics';
import { operationMetricsPlugin } from '../operation-metrics';
import type { PubSub } from '../pubsub';
import type { SubscriptionServer } from '../ws';

export interface SubgraphMetricsSources {
  metrics: ServiceMetrics;
  pubsub?: PubSub | undefined;
  /** The graphql-ws server, once the subgraph serves subscriptions. */
  subscriptions: () => SubscriptionServer | undefined;
}

/**
 * The subgraph's own metrics on its registry: operations (through the returned Apollo plugin) and the
 * subscription gauges, read when scraped. The store adds the SQL ones when it is opened.
 */
export function subgraphMetricsPlugin<TContext extends BaseContext>(
  sources: SubgraphMetricsSources,
): ApolloServerPlugin<TContext> {
  const { metrics } = sources;
  const gauge = (name: string, help: string, read: (server: SubscriptionServer) => number) =>
    metrics.gauge({
      name,
      help,
      collect() {
        const server = sources.subscriptions();
        // Absent, not zero, on a subgraph without `Subscription` fields.
        if (server) this.set(read(server));
      },
    });
  gauge(
    'freightgraph_ws_connections',
    'Open graphql-ws connections (the gateway multiplexes on one).',
    (server) => server.connections(),
  );
  gauge('freightgraph_subscriptions_active', 'Subscriptions streaming.', (server) => server.operations());
  gauge(
    'freightgraph_pubsub_subscribers',
    'Listeners on the pub/sub bus.',
    () => sources.pubsub?.subscriberCount() ?? 0,
  );
  return operationMetricsPlugin<TContext>(metrics);
}
