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
import { handlers } from './consumers';
import type { Context, ReplayOptions } from './context';
import { extensions } from './db/extensions';
import { type Schema, schema } from './db/schema';
import { seed } from './db/seed';
import { type PositionPruner, startPositionPruner } from './domain/position-history';
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
  events: EventWriter = createEventWriter({ context: 'vehicles', destinationsOf: consumersOf }),
  replay: ReplayOptions = { retentionMs: 24 * 60 * 60 * 1000 },
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
      events,
      replay,
      loaders: createLoaders(store.db, request.viewer),
    }),
  };
}

/** Opens the store (migrating it), seeds demo data when asked, serves the subgraph and prunes the position history. */
export async function startVehiclesService(config: Config): Promise<RunningService> {
  let pruner: PositionPruner | undefined;
  const replay = { retentionMs: config.VEHICLE_POSITION_RETENTION_MS };
  const running = await startSubgraphService(config, {
    name: 'vehicles',
    schema,
    migrationsFolder,
    extensions,
    databaseUrl: config.VEHICLES_DATABASE_URL,
    seed,
    build: (store, logger, production, pubsub, events) => {
      pruner = startPositionPruner({
        db: store.db,
        logger,
        retentionMs: replay.retentionMs,
        intervalMs: config.VEHICLE_POSITION_PRUNE_INTERVAL_MS,
      });
      return vehiclesSubgraph(store, logger, production, pubsub, events, replay);
    },
    events: { config, catalogue, contextMap: CONTEXT_MAP, handlers, live: () => [] },
  });
  return {
    ...running,
    close: async () => {
      await pruner?.stop();
      await running.close();
    },
  };
}
