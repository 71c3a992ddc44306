import { AsyncLocalStorage } from 'node:async_hooks';

/** The hooks of the transaction being run, and whether it has ended (a leaked async context). */
interface Pending {
  hooks: Set<() => void>;
  ended: boolean;
}

const current = new AsyncLocalStorage<Pending>();

/**
 * Makes `db.transaction` run the hooks registered inside it (`afterCommit`) once it has committed, and
 * drop them when it rolls back. Both drivers' drizzle databases get it when a store is opened.
 */
export function withCommitHooks<T extends { transaction: (...args: never[]) => Promise<unknown> }>(db: T): T {
  const transaction = db.transaction.bind(db) as (...args: unknown[]) => Promise<unknown>;
  const wrapped = async (...args: unknown[]) => {
    const pending: Pending = { hooks: new Set(), ended: false };
    try {
      const result = await current.run(pending, () => transaction(...args));
      pending.ended = true;
      for (const hook of pending.hooks) hook();
      return result;
    } finally {
      pending.ended = true;
    }
  };
  db.transaction = wrapped as unknown as T['transaction'];
  return db;
}

/**
 * Runs `hook` once the store transaction this is called in has committed (once per transaction,
 * however often it is registered); false when there is no such transaction, so the caller does it
 * another way. A savepoint's hooks wait for the outermost commit.
 */
export function afterCommit(hook: () => void): boolean {
  const pending = current.getStore();
  if (!pending || pending.ended) return false;
  pending.hooks.add(hook);
  return true;
}
