import { ApolloServer, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import {
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import { createErrorFormatter } from '../errors';
import type { Logger } from '../logger';
import type { SubgraphOptions } from './options';
import { subgraphSchema } from './schema';

/** The error formatter of both transports (HTTP and graphql-ws): internal errors are logged, not sent. */
export const subgraphErrorFormatter = (logger: Logger) =>
  createErrorFormatter((error) => logger.error({ err: error }, 'internal error'));

/** The subgraph's Apollo Server (not started): used by `startSubgraph` and by unit tests. */
export function buildSubgraphServer<TContext extends BaseContext>(
  options: SubgraphOptions<TContext>,
  plugins: ApolloServerPlugin<TContext>[] = [],
  schema: GraphQLSchema = subgraphSchema(options),
): ApolloServer<TContext> {
  return new ApolloServer<TContext>({
    schema,
    formatError: subgraphErrorFormatter(options.logger),
    includeStacktraceInErrorResponses: false,
    introspection: !options.production,
    // runService owns SIGINT/SIGTERM: Apollo's own handler (on outside NODE_ENV=test) stops the server
    // and re-raises the signal, killing the process before the drain, the relay's flush and the store's
    // close.
    stopOnTerminationSignals: false,
    plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginInlineTraceDisabled(), ...plugins],
  });
}
