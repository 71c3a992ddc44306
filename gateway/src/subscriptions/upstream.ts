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
  active: number;
  open: boolean;
  idle?: NodeJS.Timeout;
  sinks: Set<UpstreamSink>;
}

/** Where an upstream subscription goes, and as whom. */
export interface UpstreamTarget {
  serviceName: string;
  url: string;
  /**
   * Who the connection speaks for (the viewer's claims and the forwarded headers): connections are
   * shared per scope.
   */
  scope: string;
  /**
   * The `connection_init` payload: what the gateway sends this subgraph over HTTP as headers (header
   * rules, and the internal token when the subgraph verifies it), built afresh whenever the connection
   * (re)opens so the token is never stale.
   */
  connectionParams: () => Promise<Record<string, string>>;
}

/**
 * graphql-ws clients to the subgraphs: one connection per subgraph and scope (what travels as headers
 * over HTTP travels in `connection_init`), multiplexing every subscription that shares them.
 * No retry here: a dropped connection ends its subscriptions with a transient SUBGRAPH_UNAVAILABLE, and
 * the hub resubscribes a resumable stream from its last cursor (see hub.ts), so nothing is missed.
 */
export function createUpstream(options: UpstreamOptions) {
  const connections = new Map<string, Connection>();
  let openSockets = 0;

  const connect = (target: UpstreamTarget): Connection => {
    const { serviceName, url } = target;
    const key = `${url}\n${target.scope}`;
    const existing = connections.get(key);
    if (existing) return existing;
    let pongWait: NodeJS.Timeout | undefined;
    const connection: Connection = {
      active: 0,
      open: false,
      sinks: new Set(),
      client: createClient({
        url: url.replace(/^http/, 'ws'),
        webSocketImpl: WebSocket,
        connectionParams: target.connectionParams,
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
    connections.set(key, connection);
    options.logger.debug({ serviceName }, 'upstream subscription connection created');
    return connection;
  };

  const release = (key: string, connection: Connection) => {
    connection.active--;
    if (connection.active > 0) return;
    // Forget idle clients (one per viewer scope would otherwise accumulate).
    connection.idle = setTimeout(() => {
      if (connection.active > 0) return;
      connections.delete(key);
      void connection.client.dispose();
    }, options.lingerMs);
    connection.idle.unref();
  };

  return {
    /** Starts one upstream subscription; the returned function ends it (idempotent). */
    subscribe(target: UpstreamTarget, payload: SubscribePayload, sink: UpstreamSink): () => void {
      const key = `${target.url}\n${target.scope}`;
      const connection = connect(target);
      clearTimeout(connection.idle);
      connection.active++;
      let done = false;
      connection.sinks.add(sink);
      const finish = () => {
        if (done) return false;
        done = true;
        connection.sinks.delete(sink);
        release(key, connection);
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
    async close(): Promise<void> {
      for (const connection of connections.values()) clearTimeout(connection.idle);
      await Promise.all([...connections.values()].map((connection) => connection.client.dispose()));
      connections.clear();
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
