import type { Server } from 'node:http';
import {
  createSourceEventStream,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  execute,
  type FormattedExecutionResult,
  GraphQLError,
  type GraphQLFormattedError,
  type GraphQLSchema,
  getOperationAST,
  OperationTypeNode,
  parse,
  validate,
} from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { InternalTokenVerifier } from './auth/tokens';
import { AuthErrorCode, type Viewer } from './auth/viewer';
import { withCode } from './errors';
import type { Logger } from './logger';
import { requestIdFrom } from './request-id';
import { mapEvents } from './streams';
import type { RequestInfo } from './subgraph/request';

export interface SubscriptionServerOptions {
  httpServer: Server;
  schema: GraphQLSchema;
  /** The same path as HTTP GraphQL: graphql-ws upgrades requests to it. */
  path: string;
  /**
   * Called once per subscription and again for every event, so DataLoaders never outlive one event
   * (a cached row would otherwise be served stale to every later event).
   */
  createContext: (request: RequestInfo) => unknown;
  /**
   * Zero trust over WebSocket too: `connection_init` must carry the gateway's internal token (the
   * gateway's own, naming no viewer), and every subscribe message the viewer's, in
   * `extensions.authorization`, both checked as over HTTP.
   */
  verifyInternalToken: InternalTokenVerifier;
  /** The HTTP path's `formatError`: Apollo plugins do not run for WebSocket operations. */
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
  logger: Logger;
  /** Interval of the WebSocket pings that detect dead peers. */
  keepAliveMs: number;
}

export interface SubscriptionServer {
  /** Open WebSocket connections. */
  connections(): number;
  /** Subscriptions currently streaming. */
  operations(): number;
  /** Closes every connection (1001 Going away) and the WebSocket server. */
  close(): Promise<void>;
}

/**
 * Serves a schema's `Subscription` fields over graphql-ws (`graphql-transport-ws`) on the service's own
 * HTTP server. Only subscriptions: queries and mutations keep the HTTP path with its plugins. The
 * gateway multiplexes many viewers over a few connections: `connection_init` carries its own internal
 * token (only the gateway may connect), and each subscribe message's `extensions` carry that
 * subscription's viewer (`authorization`, the viewer's internal token) and request id, as the
 * `authorization` and `x-request-id` headers do over HTTP.
 */
export function serveSubscriptions(options: SubscriptionServerOptions): SubscriptionServer {
  const { schema, logger } = options;
  const wss = new WebSocketServer({ server: options.httpServer, path: options.path });
  const requests = new WeakMap<object, RequestInfo>();
  let operations = 0;

  const format = (errors: readonly GraphQLError[]) =>
    errors.map((error) => options.formatError(error.toJSON(), error));

  const server = useServer<Record<string, unknown>>(
    {
      onConnect: async (ctx) => {
        try {
          // Who connects, not who subscribes: the connection's token grants no viewer anything.
          await options.verifyInternalToken(stringParam(ctx.connectionParams?.authorization));
          return true;
        } catch {
          // graphql-ws closes with 4403 Forbidden: nothing but the gateway may subscribe here.
          return false;
        }
      },
      onSubscribe: async (_ctx, _id, payload) => {
        let document: DocumentNode;
        try {
          document = parse(payload.query);
        } catch (error) {
          // graphql-ws would close the whole connection, and every other subscription on it, on a throw.
          if (!(error instanceof GraphQLError)) return [new GraphQLError('Invalid query')];
          return withCode([error], 'GRAPHQL_PARSE_FAILED');
        }
        const errors = validate(schema, document);
        if (errors.length > 0) return withCode(errors, 'GRAPHQL_VALIDATION_FAILED');
        const operation = getOperationAST(document, payload.operationName);
        if (operation && operation.operation !== OperationTypeNode.SUBSCRIPTION) {
          return [
            new GraphQLError(
              'Only subscriptions are served over WebSocket; send queries and mutations over HTTP',
              {
                extensions: { code: 'BAD_REQUEST' },
              },
            ),
          ];
        }
        // Required, never the connection's viewer: one refused subscription leaves the others running.
        const authorization = stringParam(payload.extensions?.authorization);
        let viewer: Viewer;
        try {
          viewer = await options.verifyInternalToken(authorization);
        } catch (error) {
          // UNAUTHENTICATED as over HTTP, as a GraphQL error of this subscription (no HTTP status here);
          // an expiry keeps its reason, so the gateway knows to renew the token and subscribe again.
          const reason = error instanceof GraphQLError ? error.extensions.reason : undefined;
          return [
            new GraphQLError('This service accepts only subscriptions from the gateway', {
              extensions: { code: AuthErrorCode.UNAUTHENTICATED, ...(reason ? { reason } : {}) },
            }),
          ];
        }
        const request: RequestInfo = {
          requestId: requestIdFrom(stringParam(payload.extensions?.requestId)),
          authorization,
          viewer,
        };
        const contextValue = await options.createContext(request);
        requests.set(contextValue as object, request);
        return {
          schema,
          document,
          operationName: payload.operationName ?? null,
          variableValues: payload.variables ?? null,
          contextValue,
        };
      },
      subscribe: async (args) => {
        const request = requests.get(args.contextValue as object);
        if (!request) throw new Error('subscription without request info');
        return subscribeWithFreshContexts(args, () => options.createContext(request));
      },
      onOperation: () => {
        operations++;
      },
      onComplete: () => {
        operations--;
      },
      onNext: (_ctx, _id, _payload, _args, result): FormattedExecutionResult =>
        result.errors ? { ...result, errors: format(result.errors) } : result,
      onError: (_ctx, _id, _payload, errors) => format(errors),
    },
    wss,
    options.keepAliveMs,
  );
  logger.debug({ path: options.path }, 'serving subscriptions over graphql-ws');
  return {
    connections: () => wss.clients.size,
    operations: () => operations,
    close: async () => {
      await server.dispose();
    },
  };
}

function stringParam(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/**
 * graphql-js `subscribe`, except that each event executes with a fresh context from `eventContext`
 * (graphql's own `subscribe` reuses the subscription's context for every event).
 */
async function subscribeWithFreshContexts(
  args: ExecutionArgs,
  eventContext: () => unknown,
): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
  const stream = await createSourceEventStream(args);
  if (!(Symbol.asyncIterator in stream)) return stream;
  return mapEvents(stream as AsyncIterableIterator<unknown>, async (event) =>
    execute({ ...args, rootValue: event, contextValue: await eventContext() }),
  );
}
