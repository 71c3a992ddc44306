import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { checkLimits, measureDocument, type OperationLimits } from './operation-limits';

/**
 * The per-request half of the limits: a document cached by Apollo Server (or a persisted one) can come
 * back with a bigger `$first`, so every operation is measured again with its own variables once
 * resolved. The preflight checked the document text before parsing; this sees what will execute.
 */
export function limitsPlugin<TContext extends BaseContext>(
  options: OperationLimits,
): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, request }) {
          const exceeded = checkLimits(measureDocument(schema, document, request.variables), options);
          if (exceeded) throw exceeded;
        },
      };
    },
  };
}
