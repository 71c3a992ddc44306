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
import { createTrackingReads } from './domain/tracking-reads';
import { createLoaders } from './loaders';
import { resolvers } from './resolvers';

export const typeDefs = loadSchemaFile(new URL('./schema.graphql', import.meta.url));
export const migrationsFolder = new URL('./db/migrations', import.meta.url).pathname;

/** The subgraph's wiring over an open store; shared by the service and the in-process tests. */
export function shipmentsSubgraph(
  store: Store<Schema>,
  logger: Logger,
  production: boolean,
  pubsub: PubSub = createMemoryPubSub(),
  events: EventWriter = createEventWriter({ context: 'shipments', destinationsOf: consumersOf }),
  replay: ReplayOptions = { retentionMs: 24 * 60 * 60 * 1000 },
): SubgraphOptions<Context> {
  const trackingReads = createTrackingReads(store.db);
  return {
    name: 'shipments',
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
      trackingReads,
      loaders: createLoaders(store.db, request.viewer),
    }),
  };
}

/** Opens the store (migrating it), seeds demo data when asked, and serves the subgraph. */
export const startShipmentsService = (config: Config): Promise<RunningService> =>
  startSubgraphService(config, {
    name: 'shipments',
    schema,
    migrationsFolder,
    databaseUrl: config.SHIPMENTS_DATABASE_URL,
    seed,
    build: (store, logger, production, pubsub, events) =>
      shipmentsSubgraph(store, logger, production, pubsub, events, {
        retentionMs: config.TRACKING_REPLAY_RETENTION_MS,
      }),
    events: { config, catalogue, contextMap: CONTEXT_MAP, handlers, live },
  });
