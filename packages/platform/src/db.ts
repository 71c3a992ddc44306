import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { Logger } from './logger';
import type { ServiceMetrics } from './metrics';
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
  /** SQL statements executed so far; exported on /metrics and used by the batching tests. */
  statements(): number;
  ping(): Promise<void>;
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
    help: 'SQL statements executed by this subgraph.',
  });
  const logger = {
    logQuery: (query: string) => {
      statements++;
      counter?.inc();
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
  const { client, close } = await openEmbedded(options.dataDir, { reset: options.reset ?? false });
  const db = drizzlePglite({ client, schema: options.schema, logger });
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
  const db = drizzlePg({ client: pool, schema: options.schema, logger });
  return {
    db: db as unknown as Db<TSchema>,
    kind: 'postgres',
    statements,
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    close: () => pool.end(),
  };
}
