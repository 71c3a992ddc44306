import {
  executeQueryPlan,
  type GraphQLDataSource,
  type GraphQLDataSourceProcessOptions,
  type ServiceMap,
} from '@apollo/gateway';
import type { PlanNode } from '@apollo/query-planner';
import { inSpan, type Logger, traceContextFrom } from '@freightgraph/platform';
import type { ExecutionResult } from 'graphql';
import type { GatewayContext } from '../context';
import type { SubscriptionPlan } from './planner';
import type { UpstreamEvent } from './upstream';

type GatewayResponse = Awaited<ReturnType<GraphQLDataSource['process']>>;
type RequestContext = Parameters<typeof executeQueryPlan>[2];

/**
 * Answers the plan's primary fetch with the event the subgraph streamed, and passes every other fetch
 * to the real data source: the gateway's own executor then merges the event, runs the entity fetches
 * (batched, one per hop) and shapes the result, so aliases, fragments and error mapping are Apollo's.
 */
function replayingEvent(plan: SubscriptionPlan, event: UpstreamEvent): GraphQLDataSource {
  const { primary } = plan;
  const real = plan.state.services[primary.serviceName];
  return {
    process(options: GraphQLDataSourceProcessOptions): Promise<GatewayResponse> {
      if (options.request.query === primary.operation) {
        return Promise.resolve({
          data: event.data ?? null,
          ...(event.errors ? { errors: [...event.errors] } : {}),
        } as GatewayResponse);
      }
      if (!real) return Promise.reject(new Error(`no data source for ${primary.serviceName}`));
      return real.process(options);
    },
  };
}

// The request context the executor reads: variables, context (forwarded to subgraphs), logger, metrics.
function requestContext(
  plan: SubscriptionPlan,
  variables: Record<string, unknown>,
  context: GatewayContext,
  logger: Logger,
): RequestContext {
  const { operation } = plan.operationContext;
  const noCache = {
    get: async () => undefined,
    set: async () => undefined,
    delete: async () => true,
  };
  return {
    request: { variables, operationName: operation.name?.value },
    logger,
    schema: plan.state.schema,
    schemaHash: String(plan.generation) as RequestContext['schemaHash'],
    context,
    cache: noCache,
    queryHash: plan.queryHash,
    document: plan.document,
    source: plan.source,
    operationName: operation.name?.value ?? null,
    operation,
    metrics: {},
    overallCachePolicy: undefined,
  };
}

/** Runs the plan for one event: a fresh execution (fresh subgraph requests, fresh loaders there). */
export async function executeEvent(
  plan: SubscriptionPlan,
  event: UpstreamEvent,
  variables: Record<string, unknown>,
  context: GatewayContext,
  logger: Logger,
): Promise<ExecutionResult> {
  const node: PlanNode = plan.rest ? { kind: 'Sequence', nodes: [plan.primary, plan.rest] } : plan.primary;
  const services: ServiceMap = {
    ...plan.state.services,
    [plan.primary.serviceName]: replayingEvent(plan, event),
  };
  // Each event's execution is a span of its own, in the trace the subscribing client started (when it
  // sent a traceparent): its entity fetches, and the subgraphs' work for them, join it.
  const parent = traceContextFrom({
    ...(context.traceparent ? { traceparent: context.traceparent } : {}),
    ...(context.tracestate ? { tracestate: context.tracestate } : {}),
  });
  const attributes = () => ({
    'graphql.operation.type': 'subscription',
    'graphql.operation.name': plan.operationContext.operation.name?.value ?? '',
  });
  return inSpan(
    'subscription.event',
    parent,
    attributes,
    () =>
      executeQueryPlan(
        { kind: 'QueryPlan', node },
        services,
        requestContext(plan, variables, context, logger),
        plan.operationContext,
        plan.state.supergraphSchema,
        plan.state.apiSchema,
      ) as Promise<ExecutionResult>,
  );
}
