import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { Logger } from './logger';

/**
 * One info line per GraphQL operation: its name, type, duration and error codes. Never the document,
 * the variables or error messages: they carry what users typed (names, emails, addresses, notes), and
 * info is the level production keeps. The logger's mixin adds the request and trace ids.
 */
export function requestLogPlugin<TContext extends BaseContext>(logger: Logger): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      const started = performance.now();
      return {
        async willSendResponse({ operation, operationName, errors }) {
          const codes = [
            ...new Set((errors ?? []).map((error) => String(error.extensions?.code ?? 'UNKNOWN'))),
          ];
          logger.info(
            {
              operationName: operationName ?? undefined,
              operationType: operation?.operation,
              durationMs: Math.round((performance.now() - started) * 10) / 10,
              ...(codes.length ? { errorCodes: codes } : {}),
            },
            'graphql operation',
          );
        },
      };
    },
  };
}
