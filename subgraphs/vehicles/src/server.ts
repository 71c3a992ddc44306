import {
  createLogger,
  createMemoryPubSub,
  type Logger,
  loadInternalTokenVerifier,
  loadSchemaFile,
  openPubSub,
  openStore,
  type PubSub,
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
export function vehiclesSubgraph(
  store: Store<Schema>,
  logger: Logger,
  production: boolean,
  pubsub: PubSub = createMemoryPubSub(),
): SubgraphOptions<Context> {
  return {
    name: 'vehicles',
    typeDefs,
    resolvers,
    logger,
    store,
    production,
    pubsub,
    // Also called for every subscription event: fresh loaders each time.
    createContext: (request) => ({
      ...request,
      db: store.db,
      logger,
      pubsub,
      loaders: createLoaders(store.db, request.viewer),
    }),
  };
}

/** Opens the store (migrating it), seeds demo data when asked, and serves the subgraph. */
export async function startVehiclesService(config: Config): Promise<RunningService> {
  const logger = createLogger('vehicles', config.LOG_LEVEL);
  const verifyInternalToken = await loadInternalTokenVerifier(config);
  const store = await openStore({
    schema,
    logger,
    databaseUrl: config.VEHICLES_DATABASE_URL,
    dataDir: `${config.DATA_DIR}/vehicles`,
    migrationsFolder,
  });
  if (config.SEED_DEMO_DATA) {
    const inserted = await seed(store.db);
    if (inserted) logger.info({ inserted }, 'seeded demo vehicles');
  }
  const pubsub = await openPubSub({ redisUrl: config.REDIS_URL, logger });
  return startSubgraph(vehiclesSubgraph(store, logger, config.NODE_ENV === 'production', pubsub), {
    port: config.PORT,
    host: config.HOST,
    verifyInternalToken,
  });
}
