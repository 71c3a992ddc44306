import {
  createLogger,
  type Logger,
  loadInternalTokenVerifier,
  loadSchemaFile,
  openStore,
  type RunningService,
  type Store,
  type SubgraphOptions,
  startSubgraph,
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
export function ordersSubgraph(
  store: Store<Schema>,
  logger: Logger,
  production: boolean,
): SubgraphOptions<Context> {
  return {
    name: 'orders',
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
export async function startOrdersService(config: Config): Promise<RunningService> {
  const logger = createLogger('orders', config.LOG_LEVEL);
  const verifyInternalToken = await loadInternalTokenVerifier(config);
  const store = await openStore({
    schema,
    logger,
    databaseUrl: config.ORDERS_DATABASE_URL,
    dataDir: `${config.DATA_DIR}/orders`,
    migrationsFolder,
  });
  if (config.SEED_DEMO_DATA) {
    const inserted = await seed(store.db);
    if (inserted) logger.info({ inserted }, 'seeded demo orders');
  }
  return startSubgraph(ordersSubgraph(store, logger, config.NODE_ENV === 'production'), {
    port: config.PORT,
    host: config.HOST,
    verifyInternalToken,
  });
}
