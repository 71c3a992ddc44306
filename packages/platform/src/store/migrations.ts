import { sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { type Db, queryRows } from '../db';

/**
 * The migrations of `migrationsFolder` that the store has not applied, by tag hash: readiness fails
 * while a newer release's migrations are missing (another instance still migrating, or a failed run).
 * Drizzle records each applied migration's hash in `drizzle.__drizzle_migrations`.
 */
export async function pendingMigrations(
  // biome-ignore lint/suspicious/noExplicitAny: any store; only `execute` is used.
  db: Db<any>,
  migrationsFolder: string,
): Promise<number> {
  return countPending(db, releaseHashes(migrationsFolder));
}

/** The hashes of the release's migrations: the files do not change while the process runs. */
const releaseHashes = (migrationsFolder: string) =>
  readMigrationFiles({ migrationsFolder }).map((m) => m.hash);

// biome-ignore lint/suspicious/noExplicitAny: any store; only `execute` is used.
async function countPending(db: Db<any>, expected: readonly string[]): Promise<number> {
  const rows = await queryRows<{ hash: string }>(db, sql`select hash from drizzle.__drizzle_migrations`);
  const applied = new Set(rows.map((row) => row.hash));
  return expected.filter((hash) => !applied.has(hash)).length;
}

/** A readiness check over `pendingMigrations`, reading the release's migration files once, not per probe. */
export function migrationsApplied(
  // biome-ignore lint/suspicious/noExplicitAny: any store; only `execute` is used.
  db: Db<any>,
  migrationsFolder: string,
): () => Promise<void> {
  const expected = releaseHashes(migrationsFolder);
  return async () => {
    const pending = await countPending(db, expected);
    if (pending > 0) throw new Error(`${pending} migration(s) not applied`);
  };
}
