import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { DURATION_BUCKETS, type ServiceMetrics } from './metrics';

// Operation names come from clients: past this many distinct ones, new names are counted as "other",
// so a caller cannot grow the exposition without bound.
const MAX_OPERATION_NAMES = 200;

/**
 * Counts and times every GraphQL operation: `freightgraph_graphql_requests_total`,
 * `freightgraph_graphql_errors_total` and `freightgraph_graphql_operation_duration_seconds` by operation
 * name and type (`query`, `mutation`, `subscription`; `unknown` when the document did not parse), and
 * `freightgraph_graphql_operations_total` by name, type and outcome (`ok`, `error`): the availability
 * SLIs of docs/OPERATIONS.md, per user journey.
 */
export function operationMetricsPlugin<TContext extends BaseContext>(
  metrics: ServiceMetrics,
): ApolloServerPlugin<TContext> {
  const requests = metrics.counter({
    name: 'freightgraph_graphql_requests_total',
    help: 'GraphQL requests received.',
  });
  const errors = metrics.counter({
    name: 'freightgraph_graphql_errors_total',
    help: 'GraphQL requests that ended with errors.',
  });
  const duration = metrics.histogram({
    name: 'freightgraph_graphql_operation_duration_seconds',
    help: 'Time from receiving a GraphQL operation to its response, by operation name and type.',
    labelNames: ['operation_name', 'operation_type'],
    buckets: DURATION_BUCKETS,
  });
  const operations = metrics.counter({
    name: 'freightgraph_graphql_operations_total',
    help: 'GraphQL operations answered, by operation name and type, and outcome (ok, or error when any error was sent).',
    labelNames: ['operation_name', 'operation_type', 'outcome'],
  });
  const names = new Set<string>();
  const label = (name: string | null | undefined) => {
    if (!name) return 'anonymous';
    if (names.has(name)) return name;
    if (names.size >= MAX_OPERATION_NAMES) return 'other';
    names.add(name);
    return name;
  };
  return {
    async requestDidStart() {
      requests.inc();
      const end = duration.startTimer();
      let failed = false;
      return {
        async didEncounterErrors() {
          if (!failed) errors.inc();
          failed = true;
        },
        async willSendResponse({ operation, operationName }) {
          const labels = {
            operation_name: label(operationName),
            operation_type: operation?.operation ?? 'unknown',
          };
          end(labels);
          operations.inc({ ...labels, outcome: failed ? 'error' : 'ok' });
        },
      };
    },
  };
}
