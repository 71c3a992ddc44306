import type { BaseContext } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import { createLogger } from '../logger';
import { buildSubgraphServer, type SubgraphOptions } from '../subgraph';

export { CleanupStack } from './cleanup';
export { type ManagedProcess, startProcess } from './process';
export { subscribe, type TestSubscription, toWsUrl, wsClient } from './ws';

/** A silent logger for tests. */
export const testLogger = createLogger('test', 'silent');

export interface TestResult<TData = Record<string, unknown>> {
  data?: TData | null;
  errors?: readonly GraphQLFormattedError[];
}

/**
 * Runs operations against a subgraph in-process (tier one of the tests): the real schema, resolvers,
 * loaders and error formatting, with a fresh context per operation as in production.
 */
export function subgraphTester<TContext extends BaseContext>(options: SubgraphOptions<TContext>) {
  const server = buildSubgraphServer(options);
  return {
    server,
    async execute<TData = Record<string, unknown>>(
      query: string,
      variables?: Record<string, unknown>,
    ): Promise<TestResult<TData>> {
      const contextValue = await options.createContext({ requestId: 'test', authorization: undefined });
      const response = await server.executeOperation<TData>({ query, variables }, { contextValue });
      if (response.body.kind !== 'single') throw new Error('incremental delivery is not used here');
      return response.body.singleResult as TestResult<TData>;
    },
  };
}
