import type { BaseContext } from '@apollo/server';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type { DocumentNode } from 'graphql';
import type { InternalTokenVerifier } from '../auth/tokens';
import type { HttpTimeouts, RouteHandler } from '../http';
import type { ShutdownOptions } from '../lifecycle';
import type { Logger } from '../logger';
import type { ServiceMetrics } from '../metrics';
import type { ReadinessCheck } from '../probes';
import type { PubSub } from '../pubsub';
import type { RequestInfo } from './request';

export interface SubgraphOptions<TContext extends BaseContext> {
  name: string;
  typeDefs: DocumentNode;
  // The generated resolver types are stricter than Apollo's map; each subgraph checks its own.
  resolvers: GraphQLResolverMap<TContext> | object;
  createContext: (request: RequestInfo) => TContext | Promise<TContext>;
  logger: Logger;
  /** Store probe for /health, closed on stop. */
  store: { ping(): Promise<void>; close(): Promise<void> };
  production: boolean;
  maxBodyBytes?: number;
  /** The subgraph's event bus, when it has `Subscription` fields: counted in /metrics, closed on stop. */
  pubsub?: PubSub;
  /** WebSocket ping interval of the subscription server (default 12 s). */
  keepAliveMs?: number;
  /** POST routes beside /graphql (the event inbox). */
  postRoutes?: Record<string, RouteHandler>;
}

export interface ServeOptions {
  port: number;
  host: string;
  /** Every request but `/health` must carry the gateway's internal token (zero trust between services). */
  verifyInternalToken: InternalTokenVerifier;
  /** The service's registry, shared with its store and bus; a fresh one labelled with the name if absent. */
  metrics?: ServiceMetrics;
  /** Echoed by `/health`, so a launcher knows it reached the process it started (random if unset). */
  instanceId?: string | undefined;
  timeouts?: HttpTimeouts;
  /** Conditions of `/health/ready` beside the store's ping (migrations, the event bus). */
  readiness?: Record<string, ReadinessCheck>;
  /**
   * Run on stop once in-flight requests have finished and before the store closes: the outbox relay
   * flushes here, so events committed by the last requests still leave.
   */
  afterDrain?: () => Promise<void>;
  /** The signalled stop's bound; in-flight requests get until shortly before it. */
  shutdown?: ShutdownOptions;
}
