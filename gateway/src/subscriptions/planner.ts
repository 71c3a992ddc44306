import { createHash } from 'node:crypto';
import { operationFromDocument, type Schema, Supergraph } from '@apollo/federation-internals';
import { buildOperationContext, type ServiceMap } from '@apollo/gateway';
import { type FetchNode, type PlanNode, QueryPlanner } from '@apollo/query-planner';
import { type DocumentNode, GraphQLError, type GraphQLSchema } from 'graphql';
import type { SubgraphDataSource } from '../datasource';
import { type ResumableOperation, resumableOperation } from './resumable';

type OperationContext = ReturnType<typeof buildOperationContext>;

/** What one supergraph gives subscriptions: its schemas, a planner, and a data source per subgraph. */
export interface SupergraphState {
  /** Bumped on every reload, so running subscriptions notice their plan may be stale. */
  generation: number;
  /** The client-facing schema, in graphql-js form: what operations are validated against. */
  schema: GraphQLSchema;
  apiSchema: Schema;
  supergraphSchema: GraphQLSchema;
  planner: QueryPlanner;
  services: ServiceMap;
  /** Subgraph name → its GraphQL URL (overrides applied): graphql-ws connects to the same path. */
  urls: Readonly<Record<string, string>>;
}

export interface SubscriptionPlan {
  generation: number;
  /** The root fetch: streamed from its subgraph over graphql-ws. */
  primary: FetchNode;
  /** Entity fetches to the other subgraphs, run for every event; absent when one subgraph has it all. */
  rest: PlanNode | undefined;
  operationContext: OperationContext;
  state: SupergraphState;
  document: DocumentNode;
  /** The operation as printed by the document cache, and a hash of it (the executor's `queryHash`). */
  source: string;
  queryHash: string;
  /** The primary fetch rewritten to resume from a cursor, when its root field can. */
  resumable: ResumableOperation | undefined;
}

export const SubscriptionErrorCode = {
  /** The operation cannot be planned against the current supergraph. */
  SUBSCRIPTION_PLAN_FAILED: 'SUBSCRIPTION_PLAN_FAILED',
  /** A supergraph reload changed where the subscription's events come from: resubscribe. */
  SUBSCRIPTION_SCHEMA_CHANGED: 'SUBSCRIPTION_SCHEMA_CHANGED',
} as const;

/**
 * Builds the planning state for a supergraph, the one the gateway just loaded (wired to
 * `gateway.onSchemaLoadOrUpdate`). The gateway keeps its own planner private; this one is built from the
 * same SDL, so both plan alike.
 */
export function loadSupergraph(
  supergraphSdl: string,
  generation: number,
  buildService: (definition: { name: string; url: string }) => SubgraphDataSource,
): SupergraphState {
  const supergraph = Supergraph.build(supergraphSdl);
  const apiSchema = supergraph.apiSchema();
  const services: ServiceMap = Object.create(null);
  const urls: Record<string, string> = {};
  for (const { name, url } of supergraph.subgraphsMetadata()) {
    const source = buildService({ name, url });
    services[name] = source;
    urls[name] = source.url;
  }
  return {
    generation,
    schema: apiSchema.toGraphQLJSSchema(),
    apiSchema,
    supergraphSchema: supergraph.schema.toGraphQLJSSchema(),
    planner: new QueryPlanner(supergraph),
    services,
    urls,
  };
}

/**
 * Plans by parsed document (the document cache gives every socket sending the same text the same
 * DocumentNode), then by operation name; a plan made for an earlier supergraph is made again. A plan
 * depends on none of a viewer's variables or claims, so 10,000 viewers of one operation share one plan:
 * planning runs once, not per viewer, and its objects (the Apollo plan, operation context, the resumable
 * query text) are held once.
 */
const plans = new WeakMap<DocumentNode, Map<string, SubscriptionPlan>>();

interface PlanRequest {
  document: DocumentNode;
  operationName: string | undefined;
  source: string;
}

/** Plans a validated subscription operation: `primary` from one subgraph, `rest` from the others. */
export function planSubscription(state: SupergraphState, request: PlanRequest): SubscriptionPlan {
  let byName = plans.get(request.document);
  if (!byName) {
    byName = new Map();
    plans.set(request.document, byName);
  }
  const name = request.operationName ?? '';
  let plan = byName.get(name);
  if (plan?.state !== state) {
    plan = buildPlan(state, request);
    byName.set(name, plan);
  }
  return plan;
}

function buildPlan(state: SupergraphState, request: PlanRequest): SubscriptionPlan {
  const { document, operationName } = request;
  let node: ReturnType<QueryPlanner['buildQueryPlan']>['node'];
  try {
    const operation = operationFromDocument(state.apiSchema, document, { operationName });
    node = state.planner.buildQueryPlan(operation).node;
  } catch (error) {
    throw new GraphQLError(`Cannot plan this subscription: ${(error as Error).message}`, {
      extensions: { code: SubscriptionErrorCode.SUBSCRIPTION_PLAN_FAILED },
    });
  }
  if (node?.kind !== 'Subscription') {
    throw new GraphQLError('Not a subscription operation', {
      extensions: { code: SubscriptionErrorCode.SUBSCRIPTION_PLAN_FAILED },
    });
  }
  return {
    generation: state.generation,
    primary: node.primary,
    rest: node.rest,
    operationContext: buildOperationContext({
      schema: state.schema,
      operationDocument: document,
      operationName,
    }),
    state,
    document,
    source: request.source,
    queryHash: createHash('sha256').update(request.source).digest('hex'),
    resumable: resumableOperation(node.primary.operation, state.supergraphSchema),
  };
}

/** Whether two plans read the same upstream stream (same subgraph, same operation). */
export function samePrimary(a: FetchNode, b: FetchNode): boolean {
  return a.serviceName === b.serviceName && a.operation === b.operation;
}
