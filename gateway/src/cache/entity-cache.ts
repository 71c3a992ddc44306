/**
 * The gateway's entity cache for `_entities` fetches and root query fetches. An entry is one entity as
 * one subgraph answered it for one selection (or one root fetch's whole answer), keyed by subgraph,
 * document and its other variables (field arguments), representation (the entity key), the viewer's
 * access scope (role, and the customer or vehicle that scopes a customer's or driver's rows) and the
 * client headers forwarded to the subgraph, so no viewer is ever served a row cached for another scope.
 *
 * A fetch is split: representations found in the cache are answered from it, the rest go to the
 * subgraph in one call, and the answers are put back in order. Entities answered with an error are not
 * cached. Entries are tagged with every UUID in their representation, variables and data; a change to
 * any of those entities (a mutation's answer through this gateway, or a domain event, see index.ts)
 * evicts them. A root fetch with a list (`orders(status:)`) is also tagged with the types its entries
 * show, since which entities it holds can change with any of them: any change to one of those types
 * evicts it.
 */
import { createHash } from 'node:crypto';
import { isUuid, type Logger, type ServiceMetrics, type Viewer } from '@freightgraph/platform';
import type { GraphQLSchema } from 'graphql';
import type { EntityStore } from './store';
import { createTtlReader } from './ttl';

type Representation = Record<string, unknown> & { __typename?: unknown };
interface SubgraphError {
  path?: readonly (string | number)[];
  [key: string]: unknown;
}
export interface SubgraphResponse {
  data?: Record<string, unknown> | null;
  errors?: readonly SubgraphError[];
  extensions?: Record<string, unknown>;
}

export interface EntityFetch {
  subgraph: string;
  query: string;
  representations: readonly Representation[];
  /** The fetch's other variables (field arguments such as `first`): part of the key. */
  variables: Readonly<Record<string, unknown>>;
  viewer: Viewer | undefined;
  forwarded: Readonly<Record<string, string>>;
}

export interface RootFetch {
  subgraph: string;
  query: string;
  variables: Readonly<Record<string, unknown>>;
  viewer: Viewer | undefined;
  forwarded: Readonly<Record<string, string>>;
}

export interface EntityCache {
  /** Answers `fetch`, sending only what is not cached to `send` (the same representations, fewer). */
  fetch(
    fetch: EntityFetch,
    send: (representations: Representation[]) => Promise<SubgraphResponse>,
  ): Promise<SubgraphResponse>;
  /** Answers a root query fetch from the cache, or from `send` (and caches it) when it may. */
  fetchRoot(fetch: RootFetch, send: () => Promise<SubgraphResponse>): Promise<SubgraphResponse>;
  /** Whether this document is an `_entities` fetch the cache may answer. */
  cacheable(query: string): boolean;
  /** The types a mutation's root fields return (lists of them may hold what it changed). */
  typesWritten(query: string): readonly string[];
  /** Removes every entry showing one of `ids`, and every list of one of `types`. */
  evict(ids: Iterable<string>, types?: Iterable<string>): Promise<void>;
  schemaChanged(schema: GraphQLSchema): void;
  close(): Promise<void>;
}

/** Role, and the claim that scopes rows: what makes two viewers see the same entity the same way. */
export function accessScope(viewer: Viewer | undefined): string {
  if (!viewer) return 'none';
  return `${viewer.role}:${viewer.customerId ?? viewer.vehicleId ?? ''}:${[...viewer.scopes].sort().join(',')}`;
}

/** Every UUID in a value (ids of the entities an entry shows), lower-cased. */
export function uuidsIn(value: unknown, into = new Set<string>()): Set<string> {
  if (typeof value === 'string') {
    if (isUuid(value)) into.add(value.toLowerCase());
  } else if (Array.isArray(value)) {
    for (const item of value) uuidsIn(item, into);
  } else if (value && typeof value === 'object') {
    for (const item of Object.values(value)) uuidsIn(item, into);
  }
  return into;
}

export function entityCacheMetrics(metrics: ServiceMetrics) {
  return {
    hits: metrics.counter({
      name: 'freightgraph_gateway_entity_cache_hits_total',
      help: 'Entities answered from the entity cache, by subgraph and type.',
      labelNames: ['subgraph', 'type'],
    }),
    misses: metrics.counter({
      name: 'freightgraph_gateway_entity_cache_misses_total',
      help: 'Cacheable entities fetched from their subgraph, by subgraph and type.',
      labelNames: ['subgraph', 'type'],
    }),
    evictions: metrics.counter({
      name: 'freightgraph_gateway_entity_cache_evictions_total',
      help: 'Entries removed, by reason: full (LRU), expired (TTL) or changed (an entity they show changed).',
      labelNames: ['reason'],
    }),
    storedBytes: metrics.counter({
      name: 'freightgraph_gateway_entity_cache_stored_bytes_total',
      help: 'Bytes of entity JSON written to the cache.',
    }),
    errors: metrics.counter({
      name: 'freightgraph_gateway_entity_cache_errors_total',
      help: 'Cache reads or writes that failed (answered from the subgraph instead).',
    }),
  };
}
export type EntityCacheMetrics = ReturnType<typeof entityCacheMetrics>;

/** The tag of the lists that hold entities of a type. */
export const typeTag = (type: string) => `type:${type}`;

const digest = (text: string) => createHash('sha256').update(text).digest('base64url');

export function createEntityCache(options: {
  store: EntityStore;
  defaultTtlSeconds: number;
  metrics: EntityCacheMetrics;
  logger: Logger;
}): EntityCache {
  const { store, metrics, logger } = options;
  const ttls = createTtlReader(options.defaultTtlSeconds);
  const queryDigests = new Map<string, string>();
  const queryDigest = (query: string) => {
    let d = queryDigests.get(query);
    if (d === undefined) {
      if (queryDigests.size > 5_000) queryDigests.clear();
      d = digest(query);
      queryDigests.set(query, d);
    }
    return d;
  };

  return {
    cacheable: (query) => ttls.ttlByType(query) !== undefined,
    typesWritten: (query) => ttls.typesWritten(query),
    schemaChanged: (schema) => ttls.schemaChanged(schema),
    async evict(ids, types = []) {
      const tags = new Set([...ids].map((id) => id.toLowerCase()));
      for (const type of types) tags.add(typeTag(type));
      if (tags.size > 0) await store.evictTags([...tags]);
    },

    async fetchRoot(fetch, send) {
      const plan = ttls.rootPlan(fetch.query);
      if (!plan) return send();
      const key = `${fetch.subgraph}:Query:${digest(
        [
          fetch.subgraph,
          queryDigest(fetch.query),
          accessScope(fetch.viewer),
          JSON.stringify(fetch.forwarded),
          JSON.stringify(fetch.variables),
        ].join('|'),
      )}`;
      const labels = { subgraph: fetch.subgraph, type: 'Query' };
      let epoch: number | undefined;
      try {
        const found = await store.getMany([key]);
        epoch = found.epoch;
        const text = found.values[0];
        if (text !== undefined) {
          metrics.hits.inc(labels);
          return { data: JSON.parse(text) as Record<string, unknown> };
        }
      } catch (error) {
        metrics.errors.inc();
        logger.warn({ err: error }, 'entity cache read failed');
      }
      metrics.misses.inc(labels);
      const response = await send();
      const data = response.data;
      // Only a whole answer is kept: no errors, and no root field null (not found, or not visible yet).
      if (epoch === undefined || response.errors?.length || !data || plan.fields.some((f) => data[f] == null))
        return response;
      const value = JSON.stringify(data);
      const tags = [...uuidsIn(data, uuidsIn(fetch.variables)), ...plan.listTypes.map(typeTag)];
      metrics.storedBytes.inc(value.length);
      try {
        await store.setMany([{ key, value, ttlMs: plan.ttlSeconds * 1000, tags }], epoch);
      } catch (error) {
        metrics.errors.inc();
        logger.warn({ err: error }, 'entity cache write failed');
      }
      return response;
    },
    close: () => store.close(),

    async fetch(fetch, send) {
      const byType = ttls.ttlByType(fetch.query);
      const reps = fetch.representations;
      if (!byType) return send([...reps]);
      const context = [
        fetch.subgraph,
        queryDigest(fetch.query),
        accessScope(fetch.viewer),
        JSON.stringify(fetch.forwarded),
        JSON.stringify(fetch.variables),
      ].join('|');
      const types = reps.map((rep) => String(rep.__typename));
      const keys = reps.map((rep, i) =>
        (byType.get(types[i]!) ?? 0) > 0
          ? `${fetch.subgraph}:${types[i]}:${digest(`${context}|${JSON.stringify(rep)}`)}`
          : undefined,
      );
      let cached: (string | undefined)[];
      let epoch: number | undefined;
      try {
        const wanted = keys.filter((k): k is string => k !== undefined);
        const found = await store.getMany(wanted);
        epoch = found.epoch;
        const foundByKey = new Map(wanted.map((k, i) => [k, found.values[i]]));
        cached = keys.map((k) => (k === undefined ? undefined : foundByKey.get(k)));
      } catch (error) {
        metrics.errors.inc();
        logger.warn({ err: error }, 'entity cache read failed');
        cached = keys.map(() => undefined);
      }
      const answers: unknown[] = new Array(reps.length);
      const missing: number[] = [];
      for (const [i, text] of cached.entries()) {
        if (text === undefined) {
          missing.push(i);
          if (keys[i]) metrics.misses.inc({ subgraph: fetch.subgraph, type: types[i] });
        } else {
          answers[i] = JSON.parse(text);
          metrics.hits.inc({ subgraph: fetch.subgraph, type: types[i] });
        }
      }
      if (missing.length === 0) return { data: { _entities: answers } };

      const response = await send(missing.map((i) => reps[i]!));
      const fetched = response.data?._entities;
      // An answer that does not line up with what was asked goes back as it is, and nothing is cached.
      if (!Array.isArray(fetched) || fetched.length !== missing.length) return response;
      const failed = new Set<number>();
      const errors = response.errors?.map((error) => {
        const [root, index, ...rest] = error.path ?? [];
        if (root !== '_entities' || typeof index !== 'number') return error;
        failed.add(index);
        return { ...error, path: [root, missing[index]!, ...rest] };
      });
      const entries = [];
      for (const [j, i] of missing.entries()) {
        const entity: unknown = fetched[j];
        answers[i] = entity;
        const key = keys[i];
        if (!key || entity === null || entity === undefined || failed.has(j)) continue;
        const value = JSON.stringify(entity);
        const tags = uuidsIn(entity, uuidsIn(reps[i]));
        entries.push({ key, value, ttlMs: (byType.get(types[i]!) ?? 0) * 1000, tags: [...tags] });
        metrics.storedBytes.inc(value.length);
      }
      // Written before the answer goes out: a client's next request (a mutation, say) then comes after.
      // Without the epoch of a successful read nothing is written (the store was away).
      if (entries.length > 0 && epoch !== undefined) {
        try {
          await store.setMany(entries, epoch);
        } catch (error) {
          metrics.errors.inc();
          logger.warn({ err: error }, 'entity cache write failed');
        }
      }
      return {
        ...response,
        data: { ...response.data, _entities: answers },
        ...(errors ? { errors } : {}),
      };
    },
  };
}
