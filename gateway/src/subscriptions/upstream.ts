import type { Logger } from '@freightgraph/platform';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { type Client, createClient, type SubscribePayload } from 'graphql-ws';
import { WebSocket } from 'ws';
import { SubgraphErrorCode } from '../errors';

export interface UpstreamOptions {
  /** graphql-ws ping interval; a subgraph that does not answer within the same time is dropped. */
  keepAliveMs: number;
  /** How long an idle connection stays open for the next subscription before it is closed. */
  lingerMs: number;
  /** At most this many connections per subgraph URL, however many viewers subscribe. */
  maxConnections: number;
  logger: Logger;
}

/** One result the subgraph streamed for the primary fetch. */
export interface UpstreamEvent {
  data?: Record<string, unknown> | null;
  errors?: readonly GraphQLFormattedError[];
}

export interface UpstreamSink {
  next(event: UpstreamEvent): void;
  /**
   * The stream failed: the subgraph refused the operation or went away. Always a GraphQLError;
   * `transient` when the connection was lost (the subgraph died, restarted, stopped answering pings, or
   * could not be reached), so subscribing again later may succeed.
   */
  error(error: GraphQLError, transient: boolean): void;
  complete(): void;
  /** The connection carrying this subscription was (re)established and acknowledged by the subgraph. */
  connected?(): void;
}

interface Connection {
  client: Client;
  open: boolean;
  /** Its subscriptions: their number is the connection's load. */
  sinks: Set<UpstreamSink>;
}

/** Where an upstream subscription goes. Who it is for travels in its own `extensions` (see hub.ts). */
export interface UpstreamTarget {
  serviceName: string;
  url: string;
  /**
   * The `connection_init` payload: the gateway's own internal token (no viewer's: connections are shared
   * by every viewer), built afresh whenever a connection (re)opens so it is never stale.
   */
  connectionParams: () => Promise<Record<string, string>>;
}

/**
 * graphql-ws clients to the subgraphs: a pool of at most `maxConnections` per subgraph URL, opened
 * lazily as subscriptions come (a new one only while every open one is busy), each subscription going to
 * the least loaded, so N viewers cost a bounded number of sockets. Each subscription carries its own
 * viewer in `extensions`, which the subgraph verifies (packages/platform/src/ws.ts).
 * No retry here: a dropped connection ends its own subscriptions with a transient SUBGRAPH_UNAVAILABLE,
 * and the hub resubscribes a resumable stream from its last cursor (see hub.ts), so nothing is missed.
 */
export function createUpstream(options: UpstreamOptions) {
  const pools = new Map<string, Connection[]>();
  let openSockets = 0;

  const create = (target: UpstreamTarget): Connection => {
    let pongWait: NodeJS.Timeout | undefined;
    const connection: Connection = {
      open: false,
      sinks: new Set(),
      client: createClient({
        url: target.url.replace(/^http/, 'ws'),
        webSocketImpl: WebSocket,
        connectionParams: target.connectionParams,
        // Opens on its first subscription, reopens on the next after a loss, closes when idle.
        lazy: true,
        lazyCloseTimeout: options.lingerMs,
        retryAttempts: 0,
        keepAlive: options.keepAliveMs,
        on: {
          opened: () => {
            connection.open = true;
            openSockets++;
          },
          connected: () => {
            for (const sink of connection.sinks) sink.connected?.();
          },
          closed: () => {
            clearTimeout(pongWait);
            if (connection.open) openSockets--;
            connection.open = false;
          },
          // A subgraph that stops answering pings is dead even if TCP has not noticed yet.
          ping: (received) => {
            if (!received) pongWait = setTimeout(() => connection.client.terminate(), options.keepAliveMs);
          },
          pong: (received) => {
            if (received) clearTimeout(pongWait);
          },
        },
      }),
    };
    options.logger.debug({ serviceName: target.serviceName }, 'upstream subscription connection created');
    return connection;
  };

  /** An idle connection if there is one, else a new one while the pool has room, else the least loaded. */
  const pick = (target: UpstreamTarget): Connection => {
    let pool = pools.get(target.url);
    if (!pool) {
      pool = [];
      pools.set(target.url, pool);
    }
    let least: Connection | undefined;
    for (const connection of pool) if (!least || connection.sinks.size < least.sinks.size) least = connection;
    if (least && (least.sinks.size === 0 || pool.length >= options.maxConnections)) return least;
    const connection = create(target);
    pool.push(connection);
    return connection;
  };

  return {
    /** Starts one upstream subscription; the returned function ends it (idempotent). */
    subscribe(target: UpstreamTarget, payload: SubscribePayload, sink: UpstreamSink): () => void {
      const connection = pick(target);
      let done = false;
      connection.sinks.add(sink);
      const finish = () => {
        if (done) return false;
        done = true;
        connection.sinks.delete(sink);
        return true;
      };
      const unsubscribe = connection.client.subscribe(payload, {
        next: (event) => sink.next(event),
        error: (error) => {
          if (finish()) sink.error(upstreamError(target.serviceName, error), isConnectionLoss(error));
        },
        complete: () => {
          if (finish()) sink.complete();
        },
      });
      return () => {
        if (finish()) unsubscribe();
      };
    },
    /** Open WebSocket connections to subgraphs (the benchmark's "upstream connections"). */
    openConnections: () => openSockets,
    /** Subscriptions per pooled connection of one subgraph URL (tests, diagnostics). */
    load: (url: string) => (pools.get(url) ?? []).map((connection) => connection.sinks.size),
    async close(): Promise<void> {
      const all = [...pools.values()].flat();
      pools.clear();
      await Promise.all(all.map((connection) => connection.client.dispose()));
    },
  };
}

export type Upstream = ReturnType<typeof createUpstream>;

// graphql-ws close codes that mean "this request is refused", not "the subgraph went away".
const REFUSED = new Set([4400, 4401, 4403, 4406, 4429]);

/**
 * Whether graphql-ws reported a lost connection (a socket error, an abnormal or going-away close, a
 * ping timeout's termination) rather than the subgraph's refusal (GraphQL errors, 4400/4401/4403...).
 */
export function isConnectionLoss(error: unknown): boolean {
  if (Array.isArray(error)) return false;
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code !== 'number' || !REFUSED.has(code);
}

/** What graphql-ws reports (formatted errors, a CloseEvent, an Error) as one GraphQLError. */
export function upstreamError(serviceName: string, error: unknown): GraphQLError {
  if (Array.isArray(error) && error.length > 0) {
    // The subgraph refused the operation (validation, a thrown `subscribe`): its own first error.
    const first = error[0] as GraphQLFormattedError;
    return new GraphQLError(first.message, { extensions: { ...first.extensions, serviceName } });
  }
  const code = (error as { code?: unknown } | null)?.code;
  const detail = typeof code === 'number' ? ` (close code ${code})` : '';
  return new GraphQLError(`Subscription ended: subgraph "${serviceName}" closed the connection${detail}`, {
    extensions: { code: SubgraphErrorCode.SUBGRAPH_UNAVAILABLE, serviceName },
  });
}
