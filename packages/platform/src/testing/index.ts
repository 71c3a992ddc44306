import type { BaseContext } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import type { Viewer } from '../auth/viewer';
import { createLogger } from '../logger';
import { withRequestScope } from '../request-scope';
import { buildSubgraphServer, type SubgraphOptions } from '../subgraph';
import { testViewer } from './tokens';

export { CleanupStack } from './cleanup';
export { NATS_SERVER, natsServer, type TestNatsServer } from './nats';
export { freePort } from './ports';
export { type ManagedProcess, startProcess } from './process';
export { type ServedSubgraph, serveSubgraphForTest } from './served';
export {
  TEST_CUSTOMER_ID,
  TEST_VEHICLE_ID,
  type TestTokens,
  type TokenOptions,
  testTokens,
  testViewer,
} from './tokens';
export { subgraphClient, subscribe, type TestSubscription, toWsUrl, wsClient } from './ws';

/** A silent logger for tests. */
export const testLogger = createLogger('test', 'silent');

export interface TestResult<TData = Record<string, unknown>> {
  data?: TData | null;
  errors?: readonly GraphQLFormattedError[];
}

/**
 * Runs operations against a subgraph in-process (tier one of the tests): the real schema, resolvers,
 * loaders, authorization and error formatting, with a fresh context per operation as in production.
 * Operations run as `viewer` (default: an admin) as if the gateway's internal token said so.
 */
export function subgraphTester<TContext extends BaseContext>(
  options: SubgraphOptions<TContext>,
  viewer: Viewer = testViewer('admin'),
) {
  const server = buildSubgraphServer(options);
  return {
    server,
    async execute<TData = Record<string, unknown>>(
      query: string,
      variables?: Record<string, unknown>,
      as: Viewer = viewer,
    ): Promise<TestResult<TData>> {
      const contextValue = await options.createContext({
        requestId: 'test',
        authorization: undefined,
        viewer: as,
      });
      // As a request, for its logs and its SQL count (a request's statements, not background work).
      const response = await withRequestScope({ requestId: 'test' }, () =>
        server.executeOperation<TData>({ query, variables }, { contextValue }),
      );
      if (response.body.kind !== 'single') throw new Error('incremental delivery is not used here');
      return response.body.singleResult as TestResult<TData>;
    },
  };
}
export { handleForTest, liveFeedForTest, outboxEvents, testEnvelope } from './events';
export { take } from './take';
