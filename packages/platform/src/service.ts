import type { BaseContext } from '@apollo/server';
import { loadInternalTokenVerifier } from './auth/config';
import { type Db, openStore, type Store } from './db';
import {
  type ContextName,
  createEventWriter,
  type EventCatalogue,
  type EventHandler,
  type EventsConfig,
  type EventWriter,
  eventBusMetrics,
  type LiveHandler,
  openEventBus,
} from './events';
import { DEFAULT_HTTP_TIMEOUTS } from './http';
import type { RunningService } from './lifecycle';
import { createLogger, type Logger } from './logger';
import { createServiceMetrics } from './metrics';
import { openPubSub, type PubSub } from './pubsub';
import { migrationsApplied } from './store/migrations';
import { type SubgraphOptions, startSubgraph } from './subgraph';

/** What every subgraph's config holds (each parses its own env with zod; this is the shared shape). */
export interface SubgraphServiceConfig {
  PORT: number;
  HOST: string;
  NODE_ENV: 'development' | 'production' | 'test';
  LOG_LEVEL: string;
  DATA_DIR: string;
  SEED_DEMO_DATA: boolean;
  /** Subgraphs that publish events: Redis when set, in-process otherwise. */
  REDIS_URL?: string | undefined;
  INTERNAL_JWKS_URL?: string | undefined;
  INTERNAL_JWKS_FILE?: string | undefined;
  /** From `serviceEnv`: the launcher's id for this process, HTTP time limits, an explicit store reset. */
  INSTANCE_ID?: string | undefined;
  HEADERS_TIMEOUT_MS?: number;
  REQUEST_TIMEOUT_MS?: number;
  RESET_STORE?: boolean;
  SHUTDOWN_TIMEOUT_MS?: number;
  SHUTDOWN_DELAY_MS?: number;
}

/** A context that takes part in the domain events: its handlers and live feeds, and the shared contracts. */
export interface SubgraphEvents<TSchema extends Record<string, unknown>> {
  config: EventsConfig;
  catalogue: EventCatalogue;
  contextMap: Readonly<Record<ContextName, readonly string[]>>;
  handlers: readonly EventHandler<TSchema>[];
  /** Live handlers; built from the service's pub/sub, so they publish where its subscriptions listen. */
  live: (pubsub: PubSub) => readonly LiveHandler[];
}

export interface SubgraphService<TSchema extends Record<string, unknown>, TContext extends BaseContext> {
  name: string;
  schema: TSchema;
  migrationsFolder: string;
  /** PGlite contrib extensions the migrations create (see `StoreOptions.extensions`). */
  extensions?: Record<string, unknown>;
  /** `<NAME>_DATABASE_URL`; the embedded store under `DATA_DIR/<name>` when unset. */
  databaseUrl: string | undefined;
  /** Deterministic, idempotent demo data; returns the rows it inserted. */
  seed: (db: Db<TSchema>) => Promise<number>;
  /** The subgraph's wiring over its open store (the same function the in-process tests use). */
  build: (
    store: Store<TSchema>,
    logger: Logger,
    production: boolean,
    pubsub: PubSub,
    events: EventWriter,
  ) => SubgraphOptions<TContext>;
  /** The domain events this context publishes and consumes (outbox, relay, inbox). */
  events?: SubgraphEvents<TSchema>;
}

/**
 * A subgraph process from start to serving: verifier of the gateway's internal tokens, store (migrated),
 * demo data when asked, pub/sub, then HTTP and WebSocket serving. Each subgraph's `server.ts` only says
 * what is its own.
 */
export async function startSubgraphService<
  TSchema extends Record<string, unknown>,
  TContext extends BaseContext,
>(config: SubgraphServiceConfig, service: SubgraphService<TSchema, TContext>): Promise<RunningService> {
  const logger = createLogger(service.name, config.LOG_LEVEL);
  const verifyInternalToken = await loadInternalTokenVerifier(config);
  const metrics = createServiceMetrics({ subgraph: service.name });
  const store = await openStore({
    schema: service.schema,
    logger,
    databaseUrl: service.databaseUrl,
    dataDir: `${config.DATA_DIR}/${service.name}`,
    reset: config.RESET_STORE ?? false,
    migrationsFolder: service.migrationsFolder,
    ...(service.extensions ? { extensions: service.extensions } : {}),
    metrics,
  });
  if (config.SEED_DEMO_DATA) {
    const inserted = await service.seed(store.db);
    if (inserted) logger.info({ inserted }, `seeded demo ${service.name}`);
  }
  const pubsub = await openPubSub({ redisUrl: config.REDIS_URL, logger });
  const bus = service.events
    ? await openEventBus({
        context: service.name as ContextName,
        config: service.events.config,
        store,
        catalogue: service.events.catalogue,
        contextMap: service.events.contextMap,
        handlers: service.events.handlers,
        live: service.events.live(pubsub),
        logger,
        verifyInternalToken,
        // Only across processes is there a gateway to tell: in-memory pub/sub reaches none.
        changeFeed: pubsub.kind === 'redis' ? pubsub : undefined,
        metrics,
      })
    : undefined;
  if (bus) eventBusMetrics(metrics, bus);
  const writer = bus?.writer ?? silentContext(service.name as ContextName);
  const options = service.build(store, logger, config.NODE_ENV === 'production', pubsub, writer);
  if (bus?.inboxRoute) options.postRoutes = { ...options.postRoutes, 'POST /events': bus.inboxRoute };
  const running = await startSubgraph(options, {
    port: config.PORT,
    host: config.HOST,
    verifyInternalToken,
    metrics,
    instanceId: config.INSTANCE_ID,
    timeouts: {
      headersMs: config.HEADERS_TIMEOUT_MS ?? DEFAULT_HTTP_TIMEOUTS.headersMs,
      requestMs: config.REQUEST_TIMEOUT_MS ?? DEFAULT_HTTP_TIMEOUTS.requestMs,
    },
    readiness: {
      migrations: migrationsApplied(store.db, service.migrationsFolder),
      ...(bus?.kind === 'nats'
        ? {
            bus: () => {
              if (!bus.connected()) throw new Error('not connected to NATS');
            },
          }
        : {}),
    },
    // After the last requests, whose events the relay then flushes; the consumers stop before the
    // store closes under them.
    afterDrain: async () => {
      await bus?.close();
    },
    shutdown: {
      timeoutMs: config.SHUTDOWN_TIMEOUT_MS ?? 25_000,
      delayMs: config.SHUTDOWN_DELAY_MS ?? 0,
    },
  });
  await bus?.start();
  return running;
}

/** The writer of a context that publishes no events: any attempt is a programming error. */
function silentContext(context: ContextName): EventWriter {
  return createEventWriter({
    context,
    destinationsOf: () => {
      throw new Error(`${context} publishes no domain events`);
    },
  });
}
