import { sql } from 'drizzle-orm';
import type { Db } from '../db';
import type { Logger } from '../logger';
import { outsideRequestScope } from '../request-scope';
import { OUTBOX_CHANNEL } from './writer';

// biome-ignore lint/suspicious/noExplicitAny: any store; only pg_notify is run.
type AnyDb = Db<any>;

/**
 * What the writer calls after a commit that wrote outbox rows: wakes this process's relay at once and,
 * on PostgreSQL, tells the relays of the other instances on the store with one NOTIFY of its own
 * (commits arriving while it is on its way share the next one). That NOTIFY is a transaction apart
 * with `synchronous_commit = off`: it waits for no WAL flush, so it holds PostgreSQL's notify lock for
 * microseconds rather than a flush; a lost one costs a relay poll, never an event (the outbox is the
 * record). An embedded store is one process's alone: the local wake is all it needs.
 */
export function createRelayNudge(options: {
  db: AnyDb;
  kind: 'pglite' | 'postgres';
  wake: () => void;
  logger: Logger;
}): () => void {
  let sending = false;
  let again = false;
  const notify = async () => {
    sending = true;
    do {
      again = false;
      try {
        await options.db.transaction(async (tx) => {
          await tx.execute(sql`set local synchronous_commit = off`);
          await tx.execute(sql`select pg_notify(${OUTBOX_CHANNEL}, '')`);
        });
      } catch (error) {
        options.logger.warn({ err: error }, 'outbox NOTIFY failed; the relays poll meanwhile');
      }
    } while (again);
    sending = false;
  };
  return () => {
    options.wake();
    if (options.kind !== 'postgres') return;
    if (sending) {
      again = true;
      return;
    }
    void outsideRequestScope(notify);
  };
}
