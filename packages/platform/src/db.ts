import { type SQL, sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { Logger } from './logger';
import type { ServiceMetrics } from './metrics';
import { inBackground } from './request-scope';
import { withCommitHooks } from './store/after-commit';
import { openEmbedded } from './store/embedded';
import { observePglite, observeQueries, statementObserver } from './store-telemetry';

// The drivers are imported when a store is opened, not with the platform: the gateway never opens one
// and the embedded engine alone adds ~25 MB of resident memory to every process that imports it.

/** The drizzle database both drivers share: resolvers and loaders never know which store they run on. */
export type Db<TSchema extends Record<string, unknown> = Record<string, never>> = PgDatabase<
  PgQueryResultHKT,
  TSchema
>;

export interface Store<TSchema extends Record<string, unknown>> {
  db: Db<TSchema>;
  kind: 'pglite' | 'postgres';
  /** SQL statements run so far, background work aside; on /metrics, read by the batching tests. */
  statements(): number;
  ping(): Promise<void>;
  /** LISTEN on a channel (NOTIFY is delivered at commit); resolves with the unlisten. */
  listen(channel: string, onNotify: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export interface StoreOptions<TSchema extends Record<string, unknown>> {
  schema: TSchema;
  migrationsFolder: string;
  /** A PostgreSQL URL (production); when absent the embedded PGlite store in `dataDir` is used. */
  databaseUrl?: string | undefined;
  /** Folder for the embedded store, or `memory://` for a throwaway one. */
  dataDir: string;
  /** Move the embedded store's files aside and start a fresh one (a damaged development store). */
  reset?: boolean;
  poolSize?: number;
  logger: Logger;
  /**
   * PGlite contrib extensions the schema needs (e.g. `{ cube, earthdistance }` from
   * `@electric-sql/pglite/contrib/*`); the migrations still `create extension`. PostgreSQL ships its own.
   */
  extensions?: Record<string, unknown>;
  /** The service's registry: SQL statements and their durations are exported on it. */
  metrics?: ServiceMetrics;
}

/** Opens the subgraph's store and applies its drizzle migrations before anything else touches it. */
export async function openStore<TSchema extends Record<string, unknown>>(
  options: StoreOptions<TSchema>,
): Promise<Store<TSchema>> {
  let statements = 0;
  const counter = options.metrics?.counter({
    name: 'freightgraph_sql_statements_total',
    help: 'SQL statements this subgraph ran, background work (relay, inbox, sweepers) aside.',
  });
  const background = options.metrics?.counter({
    name: 'freightgraph_sql_background_statements_total',
    help: 'SQL statements outside any request: the outbox relay, event consumers on NATS, sweepers.',
  });
  const logger = {
    logQuery: (query: string) => {
      // Requests apart from background work, so a request's cost can be read off the counter.
      if (!inBackground()) {
        statements++;
        counter?.inc();
      } else {
        background?.inc();
      }
      options.logger.trace({ query }, 'sql');
    },
  };
  if (options.databaseUrl) {
    if (options.reset)
      throw new Error('resetting a store applies to the embedded store only, not PostgreSQL');
    return openPostgres(options, logger, () => statements);
  }
  return openPglite(options, logger, () => statements);
}

async function openPglite<TSchema extends Record<string, unknown>>(
  options: StoreOptions<TSchema>,
  logger: { logQuery(query: string): void },
  statements: () => number,
): Promise<Store<TSchema>> {
  const [{ drizzle: drizzlePglite }, { migrate: migratePglite }] = await Promise.all([
    import('drizzle-orm/pglite'),
    import('drizzle-orm/pglite/migrator'),
  ]);
  // Locked for this process alone: a second writer on the same files damages the store.
  const { client, close } = await openEmbedded(options.dataDir, {
    reset: options.reset ?? false,
    ...(options.extensions ? { extensions: options.extensions } : {}),
  });
  const db = withCommitHooks(drizzlePglite({ client, schema: options.schema, logger }));
  await migratePglite(db, { migrationsFolder: options.migrationsFolder }).catch(async (error: unknown) => {
    await close();
    throw error;
  });
  // After the migrations, which are not a request's statements.
  observePglite(client as never, statementObserver('pglite', options.metrics));
  return {
    db: db as unknown as Db<TSchema>,
    kind: 'pglite',
    statements,
    ping: async () => {
      await client.query('select 1');
    },
    listen: (channel, onNotify) => client.listen(channel, () => onNotify()),
    close,
  };
}

// One fixed key: concurrent instances of a subgraph on one database must not migrate at the same time.
const MIGRATION_LOCK_KEY = 73_261_181;

async function openPostgres<TSchema extends Record<string, unknown>>(
  options: StoreOptions<TSchema>,
  logger: { logQuery(query: string): void },
  statements: () => number,
): Promise<Store<TSchema>> {
  const [{ default: pg }, { drizzle: drizzlePg }, { migrate: migratePg }] = await Promise.all([
    import('pg'),
    import('drizzle-orm/node-postgres'),
    import('drizzle-orm/node-postgres/migrator'),
  ]);
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
  pool.on('error', (error) => options.logger.error({ err: error }, 'idle PostgreSQL client failed'));
  // Each pooled connection once: `pool.query` and transactions both end in the client's `query`.
  const observe = statementObserver('postgres', options.metrics);
  pool.on('connect', (client) => observeQueries(client as never, observe));
  const client = await pool.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    await migratePg(drizzlePg({ client }), { migrationsFolder: options.migrationsFolder });
  } finally {
    await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    client.release();
  }
  const db = withCommitHooks(drizzlePg({ client: pool, schema: options.schema, logger }));
  return {
    db: db as unknown as Db<TSchema>,
    kind: 'postgres',
    statements,
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    listen: (channel, onNotify) => listenOn(pool, channel, onNotify, options.logger),
    close: () => pool.end(),
  };
}

/**
 * LISTEN on a client of its own, outside the pool, re-established when the connection drops (a NOTIFY
 * lost meanwhile costs one poll interval, never an event: the outbox is the record).
 */
async function listenOn(
  pool: import('pg').Pool,
  channel: string,
  onNotify: () => void,
  logger: Logger,
): Promise<() => Promise<void>> {
  let stopped = false;
  let current: import('pg').PoolClient | undefined;
  const attach = async (): Promise<void> => {
    if (stopped) return;
    try {
      const client = await pool.connect();
      current = client;
      client.on('notification', () => onNotify());
      client.on('error', (error) => {
        logger.warn({ err: error, channel }, 'LISTEN connection lost; reconnecting');
        client.release(error);
        current = undefined;
        setTimeout(() => void attach(), 500).unref();
      });
      await client.query(`LISTEN ${channel}`);
      onNotify();
    } catch (error) {
      logger.warn({ err: error, channel }, 'LISTEN failed; retrying');
      setTimeout(() => void attach(), 1_000).unref();
    }
  };
  await attach();
  return async () => {
    stopped = true;
    if (!current) return;
    await current.query(`UNLISTEN ${channel}`).catch(() => undefined);
    current.release();
    current = undefined;
  };
}

/**
 * Rows of a raw SQL query (what the query builder cannot say, e.g. KNN ordering with `FOR UPDATE SKIP
 * LOCKED`). Both drivers return `{ rows }`; the store's generic type cannot know their shape.
 */
export async function queryRows<TRow>(
  // biome-ignore lint/suspicious/noExplicitAny: any store or transaction; only `execute` is used.
  db: Db<any>,
  query: SQL,
): Promise<TRow[]> {
  const result = (await db.execute(query)) as unknown as { rows: TRow[] };
  return result.rows;
}
