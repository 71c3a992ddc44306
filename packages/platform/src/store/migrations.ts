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
  const expected = readMigrationFiles({ migrationsFolder }).map((m) => m.hash);
  const rows = await queryRows<{ hash: string }>(db, sql`select hash from drizzle.__drizzle_migrations`);
  const applied = new Set(rows.map((row) => row.hash));
  return expected.filter((hash) => !applied.has(hash)).length;
}

/** A readiness check over `pendingMigrations`. */
export function migrationsApplied(
  // biome-ignore lint/suspicious/noExplicitAny: any store; only `execute` is used.
  db: Db<any>,
  migrationsFolder: string,
): () => Promise<void> {
  return async () => {
    const pending = await pendingMigrations(db, migrationsFolder);
    if (pending > 0) throw new Error(`${pending} migration(s) not applied`);
  };
}
