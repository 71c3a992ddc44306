/**
 * The entity cache as the gateway runs it (ENTITY_CACHE=on): in this process, or in Redis shared by
 * every instance when REDIS_URL is set, in which case each instance also hears every context's
 * committed domain events (Redis pub/sub, published by each subgraph's relay) and evicts the entities
 * they name.
 */
import {
  changedIdsOf,
  changedTypesOf,
  ENTITY_CHANGES_TOPIC,
  type Logger,
  type ServiceMetrics,
} from '@freightgraph/platform';
import { Redis } from 'ioredis';
import { createEntityCache, type EntityCache, entityCacheMetrics } from './entity-cache';
import { createMemoryStore, createRedisStore, type StoreEvents } from './store';

export { type EntityCache, uuidsIn } from './entity-cache';

export interface EntityCacheConfig {
  ENTITY_CACHE: boolean;
  ENTITY_CACHE_MAX_MB: number;
  ENTITY_CACHE_DEFAULT_TTL_S: number;
  REDIS_URL?: string | undefined;
}

/** The pub/sub channel prefix every service uses (platform pubsub/redis.ts). */
const CHANNEL_PREFIX = 'freightgraph:';

export async function openEntityCache(
  config: EntityCacheConfig,
  logger: Logger,
  metrics: ServiceMetrics,
): Promise<EntityCache | undefined> {
  if (!config.ENTITY_CACHE) return undefined;
  const counters = entityCacheMetrics(metrics);
  const events: StoreEvents = {
    evicted: (reason) => counters.evictions.inc({ reason }),
    invalidated: (count) => counters.evictions.inc({ reason: 'changed' }, count),
  };
  const store = config.REDIS_URL
    ? await createRedisStore(config.REDIS_URL, logger, events)
    : createMemoryStore(config.ENTITY_CACHE_MAX_MB * 1024 * 1024, events);
  metrics.gauge({
    name: 'freightgraph_gateway_entity_cache_bytes',
    help: 'Bytes the in-process entity cache holds (0 when it is in Redis).',
    collect() {
      this.set(store.bytes() ?? 0);
    },
  });
  const cache = createEntityCache({
    store,
    defaultTtlSeconds: config.ENTITY_CACHE_DEFAULT_TTL_S,
    metrics: counters,
    logger,
  });
  const feed = config.REDIS_URL ? await listenForChanges(config.REDIS_URL, cache, logger) : undefined;
  logger.info(
    { store: store.kind, events: feed ? 'redis pub/sub' : 'own mutations only' },
    'entity cache on',
  );
  return {
    ...cache,
    async close() {
      await feed?.quit().catch(() => feed.disconnect());
      await cache.close();
    },
  };
}

/** Evicts what every committed domain event names, and the lists of its types, as the relays publish them. */
async function listenForChanges(url: string, cache: EntityCache, logger: Logger): Promise<Redis> {
  const subscriber = new Redis(url, { lazyConnect: true, connectionName: 'freightgraph-gateway-changes' });
  subscriber.on('error', (error) => logger.warn({ err: error }, 'entity cache: change feed error'));
  await subscriber.connect();
  const channel = CHANNEL_PREFIX + ENTITY_CHANGES_TOPIC;
  await subscriber.subscribe(channel);
  subscriber.on('message', (from: string, message: string) => {
    if (from !== channel) return;
    let event: { aggregateId?: unknown; aggregateType?: unknown; payload?: unknown };
    try {
      event = JSON.parse(message) as typeof event;
    } catch {
      return;
    }
    if (typeof event.aggregateId !== 'string' || typeof event.aggregateType !== 'string') return;
    const { aggregateId, aggregateType, payload } = event;
    cache
      .evict(changedIdsOf({ aggregateId, payload }), changedTypesOf({ aggregateType, payload }))
      .catch((error: unknown) => {
        logger.warn({ err: error }, 'entity cache: eviction for an event failed');
      });
  });
  return subscriber;
}
