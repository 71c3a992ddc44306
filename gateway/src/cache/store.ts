/**
 * Where cached entities live: in this process (lru-cache, bounded by bytes), or in Redis when
 * `REDIS_URL` is set, shared by every gateway instance. Each entry carries tags (the ids of the entities
 * it shows); evicting a tag removes every entry that carries it.
 */
import type { Logger } from '@freightgraph/platform';
import { Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';

export interface StoredEntry {
  key: string;
  /** The entity's JSON (a copy is parsed for every hit: the gateway edits what it is given). */
  value: string;
  ttlMs: number;
  tags: readonly string[];
}

export interface StoreEvents {
  /** An entry left because the cache was full or its TTL ran out. */
  evicted(reason: 'full' | 'expired'): void;
  /** An entry left because an entity it shows changed. */
  invalidated(count: number): void;
}

/**
 * Every eviction takes the next number of a counter (the epoch) and stamps its tags with it. A read
 * returns the epoch it saw; an answer fetched after that read is stored only if none of its tags was
 * evicted since, so a fetch that began before a change can never put the old value back after the
 * change's eviction.
 */
export interface EntityStore {
  readonly kind: 'memory' | 'redis';
  getMany(keys: readonly string[]): Promise<{ values: (string | undefined)[]; epoch: number }>;
  setMany(entries: readonly StoredEntry[], epoch: number): Promise<void>;
  /** Removes every entry tagged with one of `tags`; resolves once they are gone. */
  evictTags(tags: readonly string[]): Promise<void>;
  /** Bytes held, when this process knows (in memory). */
  bytes(): number | undefined;
  close(): Promise<void>;
}

/** Tag sets and eviction stamps outlive every entry they index (the longest hint is 300 s). */
const TAG_TTL_MS = 15 * 60_000;

export function createMemoryStore(maxBytes: number, events: StoreEvents): EntityStore {
  let epoch = 0;
  const evictedAt = new LRUCache<string, number>({ max: 100_000, ttl: TAG_TTL_MS });
  const byTag = new Map<string, Set<string>>();
  const tagsOf = new Map<string, readonly string[]>();
  const untag = (key: string) => {
    for (const tag of tagsOf.get(key) ?? []) {
      const keys = byTag.get(tag);
      keys?.delete(key);
      if (keys?.size === 0) byTag.delete(tag);
    }
    tagsOf.delete(key);
  };
  const lru = new LRUCache<string, string>({
    maxSize: maxBytes,
    // UTF-16 in memory: two bytes a character, plus the key.
    sizeCalculation: (value, key) => 2 * (value.length + key.length),
    dispose: (_value, key, reason) => {
      untag(key);
      if (reason === 'evict') events.evicted('full');
      else if (reason === 'expire') events.evicted('expired');
    },
    ttlAutopurge: false,
  });
  return {
    kind: 'memory',
    async getMany(keys) {
      return { values: keys.map((key) => lru.get(key)), epoch };
    },
    async setMany(entries, readAt) {
      for (const entry of entries) {
        if (entry.tags.some((tag) => (evictedAt.get(tag) ?? 0) > readAt)) continue;
        untag(entry.key);
        lru.set(entry.key, entry.value, { ttl: entry.ttlMs });
        if (!lru.has(entry.key)) continue; // larger than the whole cache
        tagsOf.set(entry.key, entry.tags);
        for (const tag of entry.tags) {
          const keys = byTag.get(tag) ?? new Set<string>();
          byTag.set(tag, keys);
          keys.add(entry.key);
        }
      }
    },
    async evictTags(tags) {
      let removed = 0;
      epoch++;
      for (const tag of tags) {
        evictedAt.set(tag, epoch);
        for (const key of [...(byTag.get(tag) ?? [])]) if (lru.delete(key)) removed++;
        byTag.delete(tag);
      }
      if (removed > 0) events.invalidated(removed);
    },
    bytes: () => lru.calculatedSize,
    async close() {
      lru.clear();
    },
  };
}

// KEYS: the epoch counter, then the tags. One round trip: the next epoch, each tag's entries removed,
// the tag stamped with the epoch.
const EVICT_TAGS = `
local epoch = redis.call('INCR', KEYS[1])
local removed = 0
for i = 2, #KEYS do
  local tag = KEYS[i]
  for _, key in ipairs(redis.call('SMEMBERS', tag)) do removed = removed + redis.call('DEL', key) end
  redis.call('DEL', tag)
  redis.call('SET', tag .. '#evicted', epoch, 'PX', ARGV[1])
end
return removed
`;

// ARGV: the epoch read before the fetch, the tag TTL, then per entry: key, value, ttl ms, tag count,
// tags. An entry any of whose tags was evicted after that epoch is dropped.
const SET_ENTRIES = `
local epoch = tonumber(ARGV[1])
local tagTtl = ARGV[2]
local i = 3
while i <= #ARGV do
  local key, value, ttl, n = ARGV[i], ARGV[i + 1], ARGV[i + 2], tonumber(ARGV[i + 3])
  local fresh = true
  for t = 1, n do
    local stamp = redis.call('GET', ARGV[i + 3 + t] .. '#evicted')
    if stamp and tonumber(stamp) > epoch then fresh = false end
  end
  if fresh then
    redis.call('SET', key, value, 'PX', ttl)
    for t = 1, n do
      redis.call('SADD', ARGV[i + 3 + t], key)
      redis.call('PEXPIRE', ARGV[i + 3 + t], tagTtl)
    end
  end
  i = i + 4 + n
end
return 0
`;

export async function createRedisStore(
  url: string,
  logger: Logger,
  events: StoreEvents,
  prefix = 'freightgraph:ec:',
): Promise<EntityStore> {
  const redis = new Redis(url, {
    lazyConnect: true,
    // A cache that is away is a miss, not a hung request.
    maxRetriesPerRequest: 1,
    connectionName: 'freightgraph-gateway-entity-cache',
  });
  redis.on('error', (error) => logger.warn({ err: error }, 'entity cache: redis connection error'));
  await redis.connect();
  const entryKey = (key: string) => `${prefix}e:${key}`;
  const tagKey = (tag: string) => `${prefix}t:${tag}`;
  const epochKey = `${prefix}epoch`;
  return {
    kind: 'redis',
    async getMany(keys) {
      const values = await redis.mget(epochKey, ...keys.map(entryKey));
      const [epoch, ...entries] = values;
      return { values: entries.map((v) => v ?? undefined), epoch: Number(epoch ?? 0) };
    },
    async setMany(entries, epoch) {
      if (entries.length === 0) return;
      const args: (string | number)[] = [epoch, TAG_TTL_MS];
      for (const entry of entries) {
        args.push(entryKey(entry.key), entry.value, Math.max(1, Math.round(entry.ttlMs)), entry.tags.length);
        for (const tag of entry.tags) args.push(tagKey(tag));
      }
      await redis.eval(SET_ENTRIES, 0, ...args);
    },
    async evictTags(tags) {
      if (tags.length === 0) return;
      const removed = Number(
        await redis.eval(EVICT_TAGS, tags.length + 1, epochKey, ...tags.map(tagKey), TAG_TTL_MS),
      );
      if (removed > 0) events.invalidated(removed);
    },
    bytes: () => undefined,
    async close() {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
