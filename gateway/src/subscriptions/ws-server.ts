import type { Server } from 'node:http';
import type { Logger } from '@freightgraph/platform';
import { requestIdFrom, unauthenticated, type Viewer } from '@freightgraph/platform';
import {
  type DocumentNode,
  type FormattedExecutionResult,
  GraphQLError,
  type GraphQLFormattedError,
  getOperationAST,
  OperationTypeNode,
  print,
} from 'graphql';
// Renamed: graphql-ws's `useServer` is no React hook, whatever the lint's naming rule says.
import { useServer as attachGraphQLWs, type Extra } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { GatewayContext } from '../context';
import { createDocumentCache } from './documents';
import type { Hub } from './hub';
import type { SupergraphState } from './planner';

/** Close code for a client that fell too far behind (1008, policy violation: it is not reading). */
export const SLOW_CLIENT_CLOSE_CODE = 1008;

export interface GatewaySocketOptions {
  httpServer: Server;
  path: string;
  hub: Hub;
  /** The current supergraph, or undefined before the first load. */
  state: () => SupergraphState | undefined;
  /** The HTTP path's `formatError`: Apollo's plugins (masking, logging) do not run for WebSocket operations. */
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
  keepAliveMs: number;
  clientQueueSize: number;
  logger: Logger;
  /** The viewer of `connection_init`'s `authorization` (a Bearer JWT) by AUTH_MODE; throws for a bad one. */
  authenticate: (authorization: string | undefined) => Promise<Viewer | undefined>;
  /** AUTH_MODE=required: a socket without a viewer is refused. */
  requireViewer: boolean;
  /** The client headers the header rules forward (SubgraphHeaders.pick). */
  pickHeaders: (headers: Record<string, string | string[] | undefined>) => Readonly<Record<string, string>>;
}

/**
 * What a WebSocket client sends as headers: those of its upgrade request, and the string fields of its
 * `connection_init` payload (browsers cannot set headers on a WebSocket), which win.
 */
function clientHeaders(
  upgrade: Record<string, string | string[] | undefined>,
  params: Readonly<Record<string, unknown>> | undefined,
): Record<string, string | string[] | undefined> {
  const headers: Record<string, string | string[] | undefined> = { ...upgrade };
  for (const [name, value] of Object.entries(params ?? {})) {
    if (typeof value === 'string') headers[name.toLowerCase()] = value;
  }
  return headers;
}

const badRequest = (message: string) => [new GraphQLError(message, { extensions: { code: 'BAD_REQUEST' } })];

/**
 * graphql-ws (`graphql-transport-ws`) on the gateway's HTTP server and GraphQL path. Subscriptions only:
 * queries and mutations keep HTTP, where Apollo's plugins run. `connection_init`'s `{ authorization }` is
 * verified once per socket; the viewer it names is what every subscription on it speaks for.
 */
export function serveGatewaySockets(options: GatewaySocketOptions) {
  const { hub, logger } = options;
  const wss = new WebSocketServer({ server: options.httpServer, path: options.path });
  const sockets = new WeakMap<GatewayContext, Extra['socket']>();
  // Per socket, from `connection_init`: who it is and the headers it forwards, the same for each of its
  // subscriptions (one object per socket, not one per subscription).
  const connections = new WeakMap<
    object,
    { viewer: Viewer | undefined; forwarded: GatewayContext['forwarded'] }
  >();
  const documents = createDocumentCache();
  const sources = new WeakMap<DocumentNode, string>();
  const format = (errors: readonly GraphQLError[]) =>
    errors.map((error) => options.formatError(error.toJSON(), error));

  const server = attachGraphQLWs<Record<string, unknown>>(
    {
      // Every socket proves who it is in `connection_init` ({ authorization: "Bearer <jwt>" }), verified
      // like the HTTP header; a refused one is closed by graphql-ws with 4403 Forbidden.
      onConnect: async (ctx) => {
        const authorization = ctx.connectionParams?.authorization;
        try {
          const viewer = await options.authenticate(
            typeof authorization === 'string' ? authorization : undefined,
          );
          if (!viewer && options.requireViewer) return false;
          connections.set(ctx, {
            viewer,
            forwarded: options.pickHeaders(clientHeaders(ctx.extra.request.headers, ctx.connectionParams)),
          });
          return true;
        } catch {
          return false;
        }
      },
      onSubscribe: (ctx, _id, payload) => {
        const state = options.state();
        if (!state)
          return [
            new GraphQLError('The gateway has not loaded its schema yet', {
              extensions: { code: 'SERVICE_UNAVAILABLE' },
            }),
          ];
        // Errors, not a throw: a throw here would close the connection, ending its other subscriptions.
        const prepared = documents.prepare(state.schema, payload.query);
        if (Array.isArray(prepared)) return prepared;
        const { document, source } = prepared;
        sources.set(document, source);
        const operation = getOperationAST(document, payload.operationName);
        if (operation?.operation !== OperationTypeNode.SUBSCRIPTION) {
          return badRequest(
            'Only subscriptions are served over WebSocket; send queries and mutations over HTTP',
          );
        }
        const connection = connections.get(ctx);
        const viewer = connection?.viewer;
        if (!viewer && options.requireViewer) return [unauthenticated()];
        const context: GatewayContext = {
          requestId: requestIdFrom(undefined),
          viewer,
          forwarded: connection?.forwarded ?? {},
          // The subgraphs' internal token; the hub renews it for every event and upstream connection.
          authorization: undefined,
          traceparent: undefined,
          tracestate: undefined,
        };
        sockets.set(context, ctx.extra.socket);
        return {
          schema: state.schema,
          document,
          operationName: payload.operationName ?? null,
          variableValues: payload.variables ?? {},
          contextValue: context,
        };
      },
      subscribe: (args) => {
        const context = args.contextValue as GatewayContext;
        return hub.subscribe({
          document: args.document,
          source: sources.get(args.document) ?? print(args.document),
          operationName: args.operationName ?? undefined,
          variables: (args.variableValues ?? {}) as Record<string, unknown>,
          context,
          onSlow: () => {
            logger.warn(
              { requestId: context.requestId },
              'dropping a subscription client that is not reading',
            );
            sockets
              .get(context)
              ?.close(
                SLOW_CLIENT_CLOSE_CODE,
                `Slow consumer: more than ${options.clientQueueSize} undelivered results`,
              );
          },
        });
      },
      onNext: (_ctx, _id, _payload, _args, result): FormattedExecutionResult =>
        result.errors ? { ...result, errors: format(result.errors) } : result,
      onError: (_ctx, _id, _payload, errors) => format(errors),
    },
    wss,
    options.keepAliveMs,
  );

  return {
    connections: () => wss.clients.size,
    async close(): Promise<void> {
      await server.dispose();
    },
  };
}
