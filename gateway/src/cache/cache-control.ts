import type { ApolloServerPlugin } from '@apollo/server';
import type { DocumentNode, GraphQLSchema } from 'graphql';
import type { GatewayContext } from '../context';
import { smallestHint } from './ttl';

/**
 * `Cache-Control` on GraphQL answers. Every answer is the viewer's own view (row rules, contact
 * details), so a cacheable one is only ever `private`; its max-age is the smallest hint any field of
 * the operation reaches (hints.ts), at most `maxSeconds`. Mutations, subscriptions and answers with
 * errors are `no-store`.
 */
export function cacheControlPlugin(
  schema: () => GraphQLSchema | undefined,
  maxSeconds: number,
): ApolloServerPlugin<GatewayContext> {
  // Apollo hands the same parsed document to every request of one query text: one walk per document.
  let seen = new WeakMap<DocumentNode, number>();
  let seenFor: GraphQLSchema | undefined;
  const maxAgeOf = (current: GraphQLSchema, document: DocumentNode) => {
    if (seenFor !== current) {
      seen = new WeakMap();
      seenFor = current;
    }
    let seconds = seen.get(document);
    if (seconds === undefined) {
      seconds = smallestHint(current, document, maxSeconds);
      seen.set(document, seconds);
    }
    return seconds;
  };
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, operation, document, errors }) {
          const current = schema();
          let value = 'no-store';
          const single = response.body.kind === 'single' ? response.body.singleResult : undefined;
          if (current && document && operation?.operation === 'query' && !errors?.length && !single?.errors) {
            const seconds = maxAgeOf(current, document);
            value = seconds > 0 ? `private, max-age=${seconds}` : 'private, no-cache';
          }
          response.http.headers.set('cache-control', value);
        },
      };
    },
  };
}
