import type { Server } from 'node:http';
import { ApolloServerErrorCode } from '@apollo/server/errors';
import type { Logger } from '@freightgraph/platform';
import { requestIdFrom, withCode } from '@freightgraph/platform';
import {
  type DocumentNode,
  type FormattedExecutionResult,
  GraphQLError,
  type GraphQLFormattedError,
  getOperationAST,
  OperationTypeNode,
  parse,
  print,
  validate,
} from 'graphql';
// Renamed: graphql-ws's `useServer` is no React hook, whatever the lint's naming rule says.
import { useServer as attachGraphQLWs, type Extra } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { GatewayContext } from '../context';
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
}

const badRequest = (message: string) => [new GraphQLError(message, { extensions: { code: 'BAD_REQUEST' } })];

/**
 * graphql-ws (`graphql-transport-ws`) on the gateway's HTTP server and GraphQL path. Subscriptions only:
 * queries and mutations keep HTTP, where Apollo's plugins run. `connection_init`'s `{ authorization }`
 * becomes the context's `authorization`, forwarded to subgraphs as over HTTP (the security work verifies
 * it at subscribe time; events then flow to subgraphs with it).
 */
export function serveGatewaySockets(options: GatewaySocketOptions) {
  const { hub, logger } = options;
  const wss = new WebSocketServer({ server: options.httpServer, path: options.path });
  const sockets = new WeakMap<GatewayContext, Extra['socket']>();
  const format = (errors: readonly GraphQLError[]) =>
    errors.map((error) => options.formatError(error.toJSON(), error));

  const server = attachGraphQLWs<Record<string, unknown>>(
    {
      onSubscribe: (ctx, _id, payload) => {
        const state = options.state();
        if (!state)
          return [
            new GraphQLError('The gateway has not loaded its schema yet', {
              extensions: { code: 'SERVICE_UNAVAILABLE' },
            }),
          ];
        let document: DocumentNode;
        try {
          document = parse(payload.query);
        } catch (error) {
          // A throw here would close the connection, ending the client's other subscriptions too.
          if (!(error instanceof GraphQLError)) return badRequest('Invalid query');
          return withCode([error], ApolloServerErrorCode.GRAPHQL_PARSE_FAILED);
        }
        const errors = validate(state.schema, document);
        if (errors.length > 0) return withCode(errors, ApolloServerErrorCode.GRAPHQL_VALIDATION_FAILED);
        const operation = getOperationAST(document, payload.operationName);
        if (operation?.operation !== OperationTypeNode.SUBSCRIPTION) {
          return badRequest(
            'Only subscriptions are served over WebSocket; send queries and mutations over HTTP',
          );
        }
        const authorization = ctx.connectionParams?.authorization;
        const context: GatewayContext = {
          requestId: requestIdFrom(undefined),
          authorization: typeof authorization === 'string' ? authorization : undefined,
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
          source: print(args.document),
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
