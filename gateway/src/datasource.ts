import {
  type GraphQLDataSourceProcessOptions,
  RemoteGraphQLDataSource,
  type ServiceEndpointDefinition,
} from '@apollo/gateway';
// The enum is public API (it types `options.kind`) but the package index does not re-export it.
import { GraphQLDataSourceRequestKind } from '@apollo/gateway/dist/datasources/types.js';
import {
  CHANGED_IDS_EXTENSION,
  CHANGED_TYPES_EXTENSION,
  DURATION_BUCKETS,
  type Logger,
  propagatesTraceContext,
  type ServiceMetrics,
} from '@freightgraph/platform';
import { Agent, type Dispatcher } from 'undici';
import { type EntityCache, uuidsIn } from './cache';
import type { GatewayContext } from './context';
import { classifySubgraphFailure, failureCause, rootFieldPaths } from './errors';
import { createSubgraphFetcher } from './fetcher';
import type { SubgraphHeaders } from './headers/subgraph-headers';

type Fetcher = RemoteGraphQLDataSource['fetcher'];
type GatewayGraphQLResponse = Awaited<ReturnType<RemoteGraphQLDataSource['process']>>;

/**
 * One keep-alive connection pool for all subgraph calls. Pipelining stays at 1: the calls are POSTs, and
 * a pipelined slow query would hold up every request queued behind it on the same socket.
 */
export function createSubgraphAgent(timeoutMs: number): Agent {
  return new Agent({
    connections: 64,
    pipelining: 1,
    // Node servers close idle sockets after 5 s and say so in `Keep-Alive: timeout=5`; undici follows that
    // hint minus the threshold, so it never reuses a socket the subgraph is about to close.
    keepAliveTimeout: 4_000,
    keepAliveMaxTimeout: 60_000,
    keepAliveTimeoutThreshold: 1_000,
    connect: { timeout: Math.min(timeoutMs, 5_000) },
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
  });
}

/** Subgraph calls on the shared agent, with a deadline covering connect, headers and body (fetcher.ts). */
export function createFetcher(dispatcher: Dispatcher, timeoutMs: number, dedupe = false): Fetcher {
  return createSubgraphFetcher({ dispatcher, timeoutMs, dedupe });
}

export interface SubgraphDataSourceOptions {
  name: string;
  url: string;
  fetcher: Fetcher;
  timeoutMs: number;
  logger: Logger;
  headers: SubgraphHeaders;
  metrics?: SubgraphFetchMetrics | undefined;
  /** ENTITY_CACHE=on: `_entities` and root query answers from the cache; mutations evict what they changed. */
  cache?: EntityCache | undefined;
}

const MUTATION = /^\s*mutation\b/;

/**
 * The ids or types a subgraph says its transactions changed (`extensions.changedIds`, `.changedTypes`,
 * platform changes-plugin).
 */
function changed(response: GatewayGraphQLResponse, extension: string): string[] {
  const values = response.extensions?.[extension];
  return Array.isArray(values) ? values.filter((v): v is string => typeof v === 'string') : [];
}

/** `freightgraph_gateway_subgraph_fetch_duration_seconds` and `..._errors_total`, by subgraph. */
export function subgraphFetchMetrics(metrics: ServiceMetrics) {
  return {
    duration: metrics.histogram({
      name: 'freightgraph_gateway_subgraph_fetch_duration_seconds',
      help: 'Time of one call to a subgraph (a query-plan fetch), by subgraph.',
      labelNames: ['subgraph'],
      buckets: DURATION_BUCKETS,
    }),
    errors: metrics.counter({
      name: 'freightgraph_gateway_subgraph_fetch_errors_total',
      help: 'Subgraph calls that failed (unreachable, timed out, bad answer), by subgraph.',
      labelNames: ['subgraph'],
    }),
  };
}
export type SubgraphFetchMetrics = ReturnType<typeof subgraphFetchMetrics>;

/**
 * Calls one subgraph: sends the headers the gateway has for it (identity, trace, header rules), and turns a failed call into a
 * GraphQL error naming the subgraph, so the gateway still answers with what the other subgraphs gave.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  readonly serviceName: string;
  private readonly timeoutMs: number;
  private readonly logger: Logger;
  private readonly headers: SubgraphHeaders;
  private readonly metrics: SubgraphFetchMetrics | undefined;
  private readonly cache: EntityCache | undefined;

  constructor(options: SubgraphDataSourceOptions) {
    super({ url: options.url, fetcher: options.fetcher });
    // Assigned here, not through the base config: class fields would reset them after `super`.
    this.serviceName = options.name;
    this.timeoutMs = options.timeoutMs;
    this.logger = options.logger;
    this.headers = options.headers;
    this.metrics = options.metrics;
    this.cache = options.cache;
  }

  override willSendRequest(options: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    if (options.kind !== GraphQLDataSourceRequestKind.INCOMING_OPERATION) return;
    const headers = options.request.http?.headers;
    if (!headers) return;
    for (const [name, value] of Object.entries(this.headers.forSubgraph(this.serviceName, options.context))) {
      headers.set(name, value);
    }
  }

  override async process(
    options: GraphQLDataSourceProcessOptions<GatewayContext>,
  ): Promise<GatewayGraphQLResponse> {
    const end = this.metrics?.duration.startTimer({ subgraph: this.serviceName });
    try {
      const incoming = options.kind === GraphQLDataSourceRequestKind.INCOMING_OPERATION;
      if (this.cache && incoming) return await this.throughCache(this.cache, options);
      return await super.process(options);
    } catch (error) {
      this.metrics?.errors.inc({ subgraph: this.serviceName });
      const failure = classifySubgraphFailure(this.serviceName, error, this.timeoutMs);
      const incoming = options.kind === GraphQLDataSourceRequestKind.INCOMING_OPERATION;
      this.logger.warn(
        {
          serviceName: this.serviceName,
          url: this.url,
          requestId: incoming ? options.context.requestId : undefined,
          cause: failureCause(error),
        },
        failure.kind === 'failed' ? failure.error.message : `subgraph "${this.serviceName}" failed`,
      );
      // The gateway's own probes (health check, schema loading) expect a throw.
      if (!incoming) throw error;
      // Returned, not thrown: the gateway then adds `serviceName` and maps the paths into the client's
      // response, as it does for errors the subgraph itself returned.
      if (failure.kind === 'errors') return failure.response;
      const paths = rootFieldPaths(options.request.query ?? '');
      return { errors: paths ? paths.map((path) => ({ ...failure.error, path })) : [failure.error] };
    } finally {
      end?.();
    }
  }

  /**
   * A mutation evicts what it changed (the ids in its variables and those the subgraph reports, the
   * lists of the types it reports and of those the mutation returns) before its answer goes on; an
   * `_entities` or root query is answered from the cache where it can.
   */
  private async throughCache(
    cache: EntityCache,
    options: GraphQLDataSourceProcessOptions<GatewayContext>,
  ): Promise<GatewayGraphQLResponse> {
    const { request, context } = options;
    const query = request.query ?? '';
    if (MUTATION.test(query)) {
      const response = await super.process(options);
      try {
        await cache.evict(
          [...uuidsIn(request.variables), ...changed(response, CHANGED_IDS_EXTENSION)],
          [...changed(response, CHANGED_TYPES_EXTENSION), ...cache.typesWritten(query)],
        );
      } catch (error) {
        this.logger.error({ err: error, requestId: context.requestId }, 'entity cache: eviction failed');
      }
      return response;
    }
    const { representations, ...variables } = request.variables ?? {};
    if (representations === undefined) {
      return (await cache.fetchRoot(
        {
          subgraph: this.serviceName,
          query,
          variables,
          viewer: context.viewer,
          forwarded: context.forwarded,
        },
        () => super.process(options) as ReturnType<Parameters<EntityCache['fetchRoot']>[1]>,
      )) as GatewayGraphQLResponse;
    }
    if (!Array.isArray(representations) || !cache.cacheable(query)) return super.process(options);
    const send = (subset: unknown[]) =>
      super.process({
        ...options,
        request: { ...request, variables: { ...request.variables, representations: subset } },
      });
    return (await cache.fetch(
      {
        subgraph: this.serviceName,
        query,
        representations,
        variables,
        viewer: context.viewer,
        forwarded: context.forwarded,
      },
      send as Parameters<EntityCache['fetch']>[1],
    )) as GatewayGraphQLResponse;
  }
}

export interface ServiceBuilderOptions {
  cache?: EntityCache | undefined;
  fetcher: Fetcher;
  timeoutMs: number;
  /** Subgraph name → URL to use instead of the supergraph's. */
  urlOverrides: Readonly<Record<string, string>>;
  logger: Logger;
  headers: SubgraphHeaders;
  metrics?: SubgraphFetchMetrics | undefined;
}

/** The gateway's `buildService`: one data source per subgraph of the supergraph, URL overrides applied. */
export function createServiceBuilder(options: ServiceBuilderOptions) {
  return ({ name, url }: ServiceEndpointDefinition): SubgraphDataSource => {
    const target = options.urlOverrides[name] ?? url;
    if (!target)
      options.logger.error({ serviceName: name }, `subgraph "${name}" has no URL in the supergraph`);
    return new SubgraphDataSource({
      name,
      url: target ?? '',
      fetcher: options.fetcher,
      timeoutMs: options.timeoutMs,
      logger: options.logger,
      headers: options.headers,
      metrics: options.metrics,
      cache: options.cache,
    });
  };
}
