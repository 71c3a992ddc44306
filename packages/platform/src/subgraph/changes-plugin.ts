import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { CHANGED_IDS_EXTENSION, CHANGED_TYPES_EXTENSION } from '../events/changes';
import { currentRequestScope } from '../request-scope';

/**
 * Lists, in the response's `extensions.changedIds` and `extensions.changedTypes`, the ids and types of
 * the entities this request's transactions changed (from their domain events). The gateway evicts them
 * from its cache before it answers its client, so a read after a write through the graph never sees the
 * old value, even before the events themselves reach the gateways.
 */
export function changedIdsPlugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          const scope = currentRequestScope();
          if (!scope?.changedIds?.size || response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          result.extensions = {
            ...result.extensions,
            [CHANGED_IDS_EXTENSION]: [...scope.changedIds],
            [CHANGED_TYPES_EXTENSION]: [...(scope.changedTypes ?? [])],
          };
        },
      };
    },
  };
}
