import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { PubSub } from '../pubsub';
import type { SubscriptionServer } from '../ws';

export interface SubgraphMetricsSources {
  name: string;
  store: { statements(): number };
  pubsub?: PubSub | undefined;
  /** The graphql-ws server, once the subgraph serves subscriptions. */
  subscriptions: () => SubscriptionServer | undefined;
}

/** The subgraph's Prometheus counters: a plugin that counts operations, and the exposition text. */
export function createSubgraphMetrics<TContext extends BaseContext>(sources: SubgraphMetricsSources) {
  const counters = { requests: 0, errors: 0 };
  const plugin: ApolloServerPlugin<TContext> = {
    async requestDidStart() {
      counters.requests++;
      return {
        async didEncounterErrors() {
          counters.errors++;
        },
      };
    },
  };
  const label = `{subgraph="${sources.name}"}`;
  const subscriptionLines = () => {
    const subscriptions = sources.subscriptions();
    if (!subscriptions) return [];
    return [
      '# HELP freightgraph_ws_connections Open graphql-ws connections (the gateway multiplexes on one).',
      '# TYPE freightgraph_ws_connections gauge',
      `freightgraph_ws_connections${label} ${subscriptions.connections()}`,
      '# TYPE freightgraph_subscriptions_active gauge',
      `freightgraph_subscriptions_active${label} ${subscriptions.operations()}`,
      '# TYPE freightgraph_pubsub_subscribers gauge',
      `freightgraph_pubsub_subscribers${label} ${sources.pubsub?.subscriberCount() ?? 0}`,
    ];
  };
  return {
    plugin,
    contentType: 'text/plain; version=0.0.4',
    render: (): string =>
      [
        '# HELP freightgraph_sql_statements_total SQL statements executed by this subgraph.',
        '# TYPE freightgraph_sql_statements_total counter',
        `freightgraph_sql_statements_total${label} ${sources.store.statements()}`,
        '# TYPE freightgraph_graphql_requests_total counter',
        `freightgraph_graphql_requests_total${label} ${counters.requests}`,
        '# TYPE freightgraph_graphql_errors_total counter',
        `freightgraph_graphql_errors_total${label} ${counters.errors}`,
        ...subscriptionLines(),
        '',
      ].join('\n'),
  };
}
