import { createRequire } from 'node:module';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import type { Db, Store } from '../../db';
import { withCommitHooks } from '../../store/after-commit';
import { eventTables } from '../tables';

/**
 * A throwaway in-memory store with the event tables, created from their drizzle definitions (the
 * subgraphs get the same tables through their own migrations).
 */
export async function eventTestStore(): Promise<Store<typeof eventTables> & { client: PGlite }> {
  // The CommonJS build: the ESM one requires `fs` dynamically, which the test runner refuses.
  const { generateDrizzleJson, generateMigration } = createRequire(import.meta.url)(
    'drizzle-kit/api',
  ) as typeof import('drizzle-kit/api');
  const client = await PGlite.create('memory://');
  const statements = await generateMigration(generateDrizzleJson({}), generateDrizzleJson(eventTables));
  for (const statement of statements) await client.exec(statement);
  let count = 0;
  // As openStore's: transactions run their after-commit hooks.
  const db = withCommitHooks(
    drizzle({ client, schema: eventTables, logger: { logQuery: () => void count++ } }),
  );
  return {
    client,
    db: db as unknown as Db<typeof eventTables>,
    kind: 'pglite',
    statements: () => count,
    ping: async () => void (await client.query('select 1')),
    listen: (channel, onNotify) => client.listen(channel, () => onNotify()),
    close: () => client.close(),
  };
}
