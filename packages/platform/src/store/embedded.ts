import { mkdir, readdir, rename } from 'node:fs/promises';
import { basename } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { PGlite } from '@electric-sql/pglite';
import { LOCK_FILE, lockStore } from './lock';

/** PGlite could not open the store's files: named, with the way out, instead of a bare `Aborted()`. */
export class StoreDamagedError extends Error {
  override name = 'StoreDamagedError';
}

export interface EmbeddedClient {
  client: PGlite;
  /** Closes the engine, then lets the next process have the store. */
  close(): Promise<void>;
}

/**
 * Opens the PGlite store in `dir` as its only writer (see `lockStore`). With `reset`, the store's files
 * are first moved aside to `<dir>.damaged-<time>` (nothing is deleted), so a fresh store is created and
 * seeded. `memory://` stores are neither locked nor reset.
 */
export async function openEmbedded(
  dir: string,
  options: { reset?: boolean; extensions?: Record<string, unknown> } = {},
): Promise<EmbeddedClient> {
  const { PGlite } = await import('@electric-sql/pglite');
  // The contrib extensions the store's migrations create (cube, earthdistance for vehicles).
  const settings = {
    extensions: (options.extensions ?? {}) as NonNullable<Parameters<typeof PGlite.create>[1]>['extensions'],
  };
  if (dir.startsWith('memory://')) {
    const client = yieldingBetweenQueries(await PGlite.create(dir, settings));
    return { client, close: () => client.close() };
  }
  await mkdir(dir, { recursive: true });
  const lock = await lockStore(dir);
  try {
    if (options.reset) await moveAside(dir);
    const client = yieldingBetweenQueries(
      await PGlite.create(dir, settings).catch((error: unknown) => {
        throw damaged(dir, error);
      }),
    );
    return {
      client,
      close: async () => {
        try {
          await client.close();
        } finally {
          lock.release();
        }
      },
    };
  } catch (error) {
    lock.release();
    throw error;
  }
}

/** The longest the store may keep the event loop from its I/O with queries back to back. */
const MAX_HOLD_MS = 5;

/**
 * PGlite runs each query on this thread, and its queue hands the engine from one query to the next in
 * promise callbacks: under a burst (6,000 subscriptions arriving, 4 queries each) the event loop never
 * reached its I/O phase, so a `/health` took 21.8 s and the gateway's keep-alive pings went unanswered
 * until it dropped the connection. A query that finds the loop has not turned for MAX_HOLD_MS waits one
 * turn first, so sockets are read and answered between queries; while the loop turns freely (a marker
 * callback runs each turn) no query waits.
 */
export function yieldingBetweenQueries(client: PGlite): PGlite {
  const runExclusive = client._runExclusiveQuery.bind(client);
  let lastTurn = performance.now();
  let marker = false;
  const markTurn = () => {
    marker = false;
    lastTurn = performance.now();
  };
  client._runExclusiveQuery = <T>(query: () => Promise<T>): Promise<T> =>
    runExclusive(async () => {
      if (performance.now() - lastTurn > MAX_HOLD_MS) {
        await nextTurn();
        lastTurn = performance.now();
      }
      if (!marker) {
        marker = true;
        setImmediate(markTurn);
      }
      return query();
    });
  return client;
}

/** Moves everything but the lock into a sibling folder, keeping the lock held throughout. */
async function moveAside(dir: string): Promise<string> {
  const aside = `${dir}.damaged-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  await mkdir(aside);
  for (const entry of await readdir(dir)) {
    if (entry !== LOCK_FILE) await rename(`${dir}/${entry}`, `${aside}/${entry}`);
  }
  return aside;
}

function damaged(dir: string, error: unknown): Error {
  // A file-system refusal (permissions, disk) is not damage: say what it is.
  if (error instanceof Error && 'code' in error && typeof error.code === 'string') return error;
  const detail = error instanceof Error ? error.message : String(error);
  return new StoreDamagedError(
    `the embedded store in ${dir} is damaged and cannot be opened (PGlite: ${detail.split('\n')[0]}). ` +
      `Restore the folder from a backup, or, for a development store, start it afresh with demo data: ` +
      `npm start -- --reset-store ${basename(dir)} (the damaged files are moved to ${dir}.damaged-<time>)`,
  );
}
