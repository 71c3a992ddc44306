import {
  type Logger,
  loadSchemaFile,
  type RunningService,
  type Store,
  type SubgraphOptions,
  startSubgraphService,
} from '@freightgraph/platform';
import type { Config } from './config';
import type { Context } from './context';
import { type Schema, schema } from './db/schema';
import { seed } from './db/seed';
import { createLoaders } from './loaders';
import { resolvers } from './resolvers';

export const typeDefs = loadSchemaFile(new URL('./schema.graphql', import.meta.url));
export const migrationsFolder = new URL('./db/migrations', import.meta.url).pathname;

/** The subgraph's wiring over an open store; shared by the service and the in-process tests. */
export function customersSubgraph(
  store: Store<Schema>,
  logger: Logger,
  production: boolean,
): SubgraphOptions<Context> {
  return {
    name: 'customers',
    typeDefs,
    resolvers,
    logger,
    store,
    production,
    createContext: (request) => ({
      ...request,
      db: store.db,
      logger,
      loaders: createLoaders(store.db, request.viewer),
    }),
  };
}

/** Opens the store (migrating it), seeds demo data when asked, and serves the subgraph. */
export const startCustomersService = (config: Config): Promise<RunningService> =>
  startSubgraphService(config, {
    name: 'customers',
    schema,
    migrationsFolder,
    databaseUrl: config.CUSTOMERS_DATABASE_URL,
    seed,
    build: customersSubgraph,
  });
