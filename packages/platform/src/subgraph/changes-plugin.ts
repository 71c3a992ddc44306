import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { CHANGED_IDS_EXTENSION } from '../events/changes';
import { currentRequestScope } from '../request-scope';

/**
 * Lists, in the response's `extensions.changedIds`, the ids of the entities this request's transactions
 * changed (their domain events' ids). The gateway evicts them from its entity cache before it answers
 * its client, so a read after a write through the graph never sees the old value, even before the
 * events themselves reach the gateways.
 */
export function changedIdsPlugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          const changed = currentRequestScope()?.changedIds;
          if (!changed?.size || response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          result.extensions = { ...result.extensions, [CHANGED_IDS_EXTENSION]: [...changed] };
        },
      };
    },
  };
}
