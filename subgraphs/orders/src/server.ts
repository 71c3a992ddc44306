import {
  createEventWriter,
  createMemoryPubSub,
  type EventWriter,
  type Logger,
  loadSchemaFile,
  type PubSub,
  type RunningService,
  type Store,
  type SubgraphOptions,
  startSubgraphService,
} from '@freightgraph/platform';
import { CONTEXT_MAP, catalogue, consumersOf } from '@freightgraph/platform/contracts';
import type { Config } from './config';
import { handlers, live } from './consumers';
import type { Context, ReplayOptions } from './context';
import { type Schema, schema } from './db/schema';
import { seed } from './db/seed';
import { startTimeoutSweeper, type TimeoutSweeper } from './domain/timeouts';
import { createLoaders } from './loaders';
import { resolvers } from './resolvers';

export const typeDefs = loadSchemaFile(new URL('./schema.graphql', import.meta.url));
export const migrationsFolder = new URL('./db/migrations', import.meta.url).pathname;

/** The subgraph's wiring over an open store; shared by the service and the in-process tests. */
export function ordersSubgraph(
  store: Store<Schema>,
  logger: Logger,
  production: boolean,
  pubsub: PubSub = createMemoryPubSub(),
  events: EventWriter = createEventWriter({ context: 'orders', destinationsOf: consumersOf }),
  replay: ReplayOptions = { retentionMs: 24 * 60 * 60 * 1000 },
): SubgraphOptions<Context> {
  return {
    name: 'orders',
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
      events,
      replay,
      loaders: createLoaders(store.db, request.viewer),
    }),
  };
}

/**
 * Opens the store (migrating it), seeds demo data when asked, serves the subgraph with its part of the
 * saga (consumers, live feeds) and sweeps for orders whose saga timed out.
 */
export async function startOrdersService(config: Config): Promise<RunningService> {
  let sweeper: TimeoutSweeper | undefined;
  const running = await startSubgraphService(config, {
    name: 'orders',
    schema,
    migrationsFolder,
    databaseUrl: config.ORDERS_DATABASE_URL,
    seed,
    build: (store, logger, production, pubsub, events) => {
      sweeper = startTimeoutSweeper({
        db: store.db,
        events,
        logger,
        timeoutMs: config.SAGA_TIMEOUT_MS,
        intervalMs: config.SAGA_SWEEP_INTERVAL_MS,
      });
      return ordersSubgraph(store, logger, production, pubsub, events, {
        retentionMs: config.ORDER_UPDATES_REPLAY_RETENTION_MS,
      });
    },
    events: { config, catalogue, contextMap: CONTEXT_MAP, handlers, live },
  });
  return {
    ...running,
    close: async () => {
      await sweeper?.stop();
      await running.close();
    },
  };
}
