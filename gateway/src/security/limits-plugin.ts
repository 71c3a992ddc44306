import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { Viewer } from '@freightgraph/platform';
import {
  checkLimits,
  countTokens,
  LimitErrorCode,
  limitExceeded,
  measureDocument,
  type OperationLimits,
} from './operation-limits';

export interface LimitsPluginOptions extends OperationLimits {
  maxTokens: number;
}

/**
 * Hostile-document limits, each with its own code. Tokens are counted on the raw text before any
 * parsing; depth, root fields, aliases and cost are checked right after parsing, before graphql's
 * validation (whose overlapping-fields rule is what alias and fragment bombs aim at), and cost again
 * for every request, since a cached document may come back with a bigger `$first`.
 *
 * Errors thrown in the source and parsing hooks end the request straight away with their code and
 * status, as Apollo Server documents for errors with `extensions.http`.
 */
export function limitsPlugin<TContext extends BaseContext & { viewer?: Viewer | undefined }>(
  options: LimitsPluginOptions,
): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveSource({ source }) {
          const tokens = countTokens(source, options.maxTokens);
          if (tokens > options.maxTokens) {
            throw limitExceeded(
              LimitErrorCode.TOKEN_LIMIT_EXCEEDED,
              'Token count',
              options.maxTokens,
              tokens,
            );
          }
        },
        async parsingDidStart(requestContext) {
          return async (error) => {
            if (error || !requestContext.document) return;
            const measure = measureDocument(
              requestContext.schema,
              requestContext.document,
              requestContext.request.variables,
            );
            const exceeded = checkLimits(measure, options);
            if (exceeded) throw exceeded;
          };
        },
        async didResolveOperation(requestContext) {
          const measure = measureDocument(
            requestContext.schema,
            requestContext.document,
            requestContext.request.variables,
          );
          const exceeded = checkLimits(measure, options);
          if (exceeded) throw exceeded;
        },
      };
    },
  };
}
