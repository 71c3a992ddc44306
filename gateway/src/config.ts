import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { env, httpTimeoutEnv, parseConfig, shutdownEnv } from '@freightgraph/platform';
import { z } from 'zod';
import { requireProductionSecurity, securityEnv } from './security/config';

/** The committed supergraph, found from this file so the gateway starts the same from any cwd. */
export const DEFAULT_SUPERGRAPH_PATH = fileURLToPath(
  new URL('../../schema/supergraph.graphql', import.meta.url),
);

/** Subgraphs whose URL can be overridden by `<NAME>_URL`; any other subgraph keeps its supergraph URL. */
export const URL_OVERRIDES = {
  customers: 'CUSTOMERS_URL',
  orders: 'ORDERS_URL',
  shipments: 'SHIPMENTS_URL',
  vehicles: 'VEHICLES_URL',
} as const;

// Like env.bool, but absent stays absent so the default can depend on NODE_ENV.
const optionalBool = () =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 'true' || v === '1' || v === 'yes'));

const schema = z
  .object({
    PORT: env.port(4000),
    HOST: env.host(),
    NODE_ENV: env.nodeEnv(),
    LOG_LEVEL: env.logLevel(),
    /** Relative paths are taken from the cwd, as any CLI path would be. */
    SUPERGRAPH_PATH: z
      .string()
      .min(1)
      .default(DEFAULT_SUPERGRAPH_PATH)
      .transform((path) => resolve(path)),
    /** Reload the supergraph when its file changes; default on, except in production. */
    SUPERGRAPH_WATCH: optionalBool(),
    /** Serve GraphiQL at `/` (and allow introspection); default on, except in production. */
    PLAYGROUND: optionalBool(),
    CUSTOMERS_URL: env.optionalUrl(),
    ORDERS_URL: env.optionalUrl(),
    SHIPMENTS_URL: env.optionalUrl(),
    VEHICLES_URL: env.optionalUrl(),
    /**
     * Subgraphs that verify the gateway's internal token and get it (comma-separated names, or `*`);
     * the others never see it. Default: the four Freightgraph subgraphs.
     */
    INTERNAL_TOKEN_SUBGRAPHS: z
      .string()
      .default(Object.keys(URL_OVERRIDES).join(','))
      .transform((list): '*' | string[] =>
        list.trim() === '*' ? '*' : list.split(',').flatMap((name) => (name.trim() ? [name.trim()] : [])),
      ),
    /** Header propagation rules for subgraph requests (YAML or JSON; see docs/HEADERS.md). */
    GATEWAY_HEADERS_FILE: z
      .string()
      .min(1)
      .optional()
      .transform((path) => (path === undefined ? undefined : resolve(path))),
    /** Whole subgraph request (connect, headers and body) deadline. */
    SUBGRAPH_TIMEOUT_MS: z.coerce.number().int().min(1).max(300_000).default(10_000),
    /** Share one subgraph call between identical queries in flight (never mutations). */
    SUBGRAPH_DEDUPE: env.bool(true),
    /**
     * The entity cache for `_entities` fetches (docs/CACHING.md): in process, or in Redis shared by all
     * instances when REDIS_URL is set. Off by default.
     */
    ENTITY_CACHE: z
      .enum(['on', 'off'])
      .default('off')
      .transform((v) => v === 'on'),
    /** Size bound of the in-process entity cache. */
    ENTITY_CACHE_MAX_MB: z.coerce.number().int().min(1).max(4_096).default(64),
    /** TTL of an entity no hint shortens (gateway/src/cache/hints.ts). */
    ENTITY_CACHE_DEFAULT_TTL_S: z.coerce.number().int().min(1).max(3_600).default(60),
    MAX_BODY_BYTES: z.coerce.number().int().min(1_000).max(100_000_000).default(1_000_000),
    /** WebSocket ping interval to clients and subgraphs; a peer silent for as long is dropped. */
    SUBSCRIPTION_KEEPALIVE_MS: z.coerce.number().int().min(1_000).max(600_000).default(12_000),
    /**
     * WebSocket connections the gateway opens to one subgraph (per URL) for subscriptions, shared by
     * every viewer: each subscription carries its own viewer's token.
     */
    SUBSCRIPTION_UPSTREAM_CONNECTIONS: z.coerce.number().int().min(1).max(8).default(4),
    /** Undelivered results one subscription client may have before it is disconnected as too slow. */
    SUBSCRIPTION_CLIENT_QUEUE: z.coerce.number().int().min(1).max(100_000).default(100),
    /**
     * How long (ms) the gateway keeps resubscribing a resumable subscription (one with cursors) from its
     * last cursor after its subgraph went away, before its clients get SUBGRAPH_UNAVAILABLE; 0: never.
     */
    SUBSCRIPTION_FAILOVER_WINDOW_MS: z.coerce.number().int().min(0).max(600_000).default(30_000),
    /**
     * More instances to fail subscriptions over to, as `name=url` pairs, comma-separated
     * (`shipments=http://10.0.0.2:4003/graphql,shipments=http://10.0.0.3:4003/graphql`): tried in turn
     * after the subgraph's own URL.
     */
    SUBSCRIPTION_FAILOVER_URLS: z
      .string()
      .default('')
      .transform((list, ctx) => {
        const urls: Record<string, string[]> = {};
        for (const pair of list
          .split(',')
          .map((p) => p.trim())
          .filter(Boolean)) {
          const [name, url] = [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)];
          if (!name || !URL.canParse(url) || !/^https?:/.test(url)) {
            ctx.addIssue({ code: 'custom', message: `"${pair}" is not name=http(s)://url` });
            continue;
          }
          urls[name] = [...(urls[name] ?? []), url];
        }
        return urls;
      }),
    /** Echoed by `/health`: the launcher's id for this process, so it never mistakes another for it. */
    INSTANCE_ID: z.string().min(1).optional(),
    ...httpTimeoutEnv,
    ...shutdownEnv,
    ...securityEnv,
  })
  .superRefine(requireProductionSecurity)
  .transform((config) => {
    const production = config.NODE_ENV === 'production';
    const urlOverrides: Record<string, string> = {};
    for (const [name, key] of Object.entries(URL_OVERRIDES)) {
      const url = config[key];
      if (url) urlOverrides[name] = url;
    }
    return {
      ...config,
      production,
      SUPERGRAPH_WATCH: config.SUPERGRAPH_WATCH ?? !production,
      PLAYGROUND: config.PLAYGROUND ?? !production,
      INTROSPECTION: config.INTROSPECTION ?? config.PLAYGROUND ?? !production,
      /** Subgraph name → URL replacing the one in the supergraph. */
      urlOverrides,
    };
  });

export type Config = z.infer<typeof schema>;

export const loadConfig = (source?: NodeJS.ProcessEnv): Config => parseConfig('gateway', schema, source);
