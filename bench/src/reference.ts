/**
 * Before any load: the expected answer of every read workload, from an in-process stock Apollo gateway
 * over the bench's subgraphs, sanity-checked here, plus the exact requests that gateway sent each
 * subgraph (used to measure each subgraph's own ceiling on the same work).
 */
import { readFile } from 'node:fs/promises';
import {
  ApolloGateway,
  type GraphQLDataSourceProcessOptions,
  RemoteGraphQLDataSource,
} from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import type { Viewer } from '@freightgraph/platform';
import type { SubgraphName } from '../../scripts/services';
import type { BenchGraph } from './graph';
import { buildTraffic, type Traffic } from './traffic';
import { isManyUsers, READ_QUERIES, type WorkloadName } from './workloads';

type ReadWorkload = keyof typeof READ_QUERIES;

/** One request and the answer it must get. */
export interface Exchange {
  body: string;
  expected: unknown;
}

export interface Reference {
  /** Read workload → the gateway request and its expected answer. */
  reads: Record<ReadWorkload, Exchange>;
  /** Workload → subgraph → the requests one gateway request sends that subgraph, with their answers. */
  fetches: Partial<Record<WorkloadName, Partial<Record<SubgraphName, Exchange[]>>>>;
  /** Shipments no read workload shows: the mutation workload writes only to these. */
  mutationTargets: string[];
  /** The many-users workloads: per-connection users and per-request expected answers. */
  traffic: Traffic;
}

/** The reference gateway's request context: the internal token of the viewer it runs as, if not the bench's. */
interface ReferenceContext {
  authorization?: string;
}

type Recorded = { name: SubgraphName; exchange: Exchange };

class RecordingDataSource extends RemoteGraphQLDataSource<ReferenceContext> {
  constructor(
    private readonly serviceName: SubgraphName,
    url: string,
    private readonly log: Recorded[],
    private readonly authorization: () => Promise<string>,
  ) {
    super({ url });
  }

  /** The subgraphs answer only with an internal token: the bench user's, as any gateway would send. */
  override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<ReferenceContext>) {
    const own = 'authorization' in context ? context.authorization : undefined;
    request.http?.headers.set('authorization', own ?? (await this.authorization()));
  }

  override async process(options: GraphQLDataSourceProcessOptions<ReferenceContext>) {
    const response = await super.process(options);
    const { query, variables } = options.request;
    // A plain copy of what went over the wire: the gateway adds `http` and goes on to edit the response.
    const { data, errors } = response;
    const expected: unknown = JSON.parse(JSON.stringify({ data, errors }));
    this.log.push({
      name: this.serviceName,
      exchange: { body: JSON.stringify({ query, variables }), expected },
    });
    return response;
  }
}

type Json = Record<string, unknown>;
type Check = (data: Json) => string | undefined;

/** Shapes each reference answer must have, so a broken graph cannot become the expected answer. */
const CHECKS: Record<ReadWorkload, Check> = {
  dashboard: (data) => {
    const edges = (data.orders as { edges: { node: Json }[] }).edges;
    if (edges.length !== 20) return `expected 20 orders, got ${edges.length}`;
    for (const { node } of edges) {
      const shipments = node.shipments as Json[];
      if (!(node.customer as Json | null)?.name) return `order ${node.number} has no customer`;
      if (shipments.length === 0) return `shipped order ${node.number} has no shipment`;
      if (shipments.some((s) => !s.vehicle || !s.latestEvent))
        return `order ${node.number} lacks vehicle/event`;
    }
  },
  entities: (data) => {
    const edges = (data.orders as { edges: { node: Json }[] }).edges;
    if (edges.length !== 100) return `expected 100 orders, got ${edges.length}`;
    const shipments = edges.flatMap(({ node }) => node.shipments as Json[]);
    if (shipments.length < 50) return `expected shipments on most orders, got ${shipments.length}`;
    if (shipments.some((s) => (s.events as unknown[]).length === 0)) return 'a shipment has no events';
  },
  single: (data) => {
    const edges = (data.shipments as { edges: { node: Json }[] }).edges;
    if (edges.length !== 20) return `expected 20 shipments, got ${edges.length}`;
    if (edges.some(({ node }) => node.status !== 'IN_TRANSIT')) return 'a shipment is not IN_TRANSIT';
  },
};

function idsIn(value: unknown, into: Set<string>): Set<string> {
  if (Array.isArray(value)) for (const item of value) idsIn(item, into);
  else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (key === 'id' && typeof item === 'string') into.add(item);
      else idsIn(item, into);
    }
  }
  return into;
}

async function pickMutationTargets(
  shipmentsUrl: string,
  authorization: string,
  excluded: Set<string>,
  count = 50,
) {
  const targets: string[] = [];
  let after: string | null = null;
  while (targets.length < count) {
    const response = await fetch(shipmentsUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization },
      body: JSON.stringify({
        query: `query ($after: String) { shipments(first: 100, after: $after, status: IN_TRANSIT) {
          edges { node { id } } pageInfo { hasNextPage endCursor } } }`,
        variables: { after },
      }),
    });
    const answer = (await response.json()) as { data?: { shipments?: Json }; errors?: unknown };
    const page = answer.data?.shipments;
    if (!page) throw new Error(`the shipments subgraph refused the bench: ${JSON.stringify(answer.errors)}`);
    const edges = page.edges as { node: { id: string } }[];
    targets.push(...edges.map((e) => e.node.id).filter((id) => !excluded.has(id)));
    const info = page.pageInfo as { hasNextPage: boolean; endCursor: string | null };
    if (!info.hasNextPage) break;
    after = info.endCursor;
  }
  if (targets.length < 10) throw new Error(`only ${targets.length} in-transit shipments to write to`);
  return targets.slice(0, count);
}

export async function buildReference(
  graph: BenchGraph,
  options: { workloads: readonly WorkloadName[]; connections: number },
): Promise<Reference> {
  const log: Recorded[] = [];
  const gateway = new ApolloGateway({
    supergraphSdl: await readFile(graph.supergraphPath, 'utf8'),
    buildService: ({ name, url }) =>
      new RecordingDataSource(name as SubgraphName, url ?? '', log, () => graph.auth.internalAuthorization()),
  });
  const server = new ApolloServer<ReferenceContext>({ gateway });
  await server.start();
  try {
    const reads = {} as Reference['reads'];
    const fetches: Reference['fetches'] = {};
    for (const [workload, query] of Object.entries(READ_QUERIES) as [ReadWorkload, string][]) {
      log.length = 0;
      const response = await server.executeOperation({ query }, { contextValue: {} });
      if (response.body.kind !== 'single') throw new Error('unexpected incremental response');
      const { data, errors } = response.body.singleResult;
      if (errors || !data) throw new Error(`reference ${workload} failed: ${JSON.stringify(errors)}`);
      const problem = CHECKS[workload](data);
      if (problem) throw new Error(`reference ${workload} is not a plausible answer: ${problem}`);
      reads[workload] = { body: JSON.stringify({ query }), expected: { data } };
      const bySubgraph: Partial<Record<SubgraphName, Exchange[]>> = {};
      for (const { name, exchange } of log) {
        bySubgraph[name] = [...(bySubgraph[name] ?? []), exchange];
      }
      fetches[workload] = bySubgraph;
    }
    const runAs = async (viewer: Viewer, query: string, variables: Record<string, unknown>) => {
      const authorization = await graph.auth.internalAuthorizationFor(viewer);
      const response = await server.executeOperation(
        { query, variables },
        { contextValue: { authorization } },
      );
      if (response.body.kind !== 'single') throw new Error('unexpected incremental response');
      const { data, errors } = response.body.singleResult;
      if (errors || !data) {
        throw new Error(
          `reference for a ${viewer.role} failed (${JSON.stringify(variables)}): ${JSON.stringify(errors)}`,
        );
      }
      return { data };
    };
    const traffic = await buildTraffic({
      runAs,
      auth: graph.auth,
      connections: options.connections,
      workloads: options.workloads.filter(isManyUsers),
    });
    const excluded = new Set<string>();
    for (const { expected } of Object.values(reads)) idsIn(expected, excluded);
    for (const sessions of Object.values(traffic.sessions))
      for (const { exchanges } of sessions ?? [])
        for (const { expected } of exchanges) idsIn(expected, excluded);
    // The mix writes only where no expected answer looks: traffic.ts keeps its own reads apart, and the
    // few shipments the classic workloads show are dropped here.
    traffic.writes = traffic.writes.filter((w) => !excluded.has(w.shipmentId));
    if (options.workloads.includes('read-write-mix') && traffic.writes.length < 4)
      throw new Error(`only ${traffic.writes.length} write targets no read shows`);
    const mutationTargets = await pickMutationTargets(
      graph.subgraphs.shipments.url,
      await graph.auth.internalAuthorization(),
      excluded,
    );
    return { reads, fetches, mutationTargets, traffic };
  } finally {
    await server.stop();
  }
}
