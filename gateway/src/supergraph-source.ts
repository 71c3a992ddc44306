import { type FSWatcher, watch } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { SupergraphSdlHook } from '@apollo/gateway';
import type { Logger } from '@freightgraph/platform';

export interface SupergraphFileOptions {
  /** Absolute path of the supergraph SDL file. */
  path: string;
  /** Reload the schema when the file changes. */
  watch: boolean;
  logger: Logger;
  /** Quiet period after the last change before the file is read; editors write in several steps. */
  debounceMs?: number;
  /** Applied to the file's SDL before the gateway sees it. */
  prepare?: (supergraphSdl: string) => string;
}

/**
 * The gateway's `supergraphSdl` hook for a supergraph kept in a file. Without watching, the file is read
 * once. With watching, every settled change is read and handed to the gateway's `update`; when the gateway
 * rejects it (invalid SDL, a half-written file), the previous schema keeps serving and the error is logged.
 */
export function supergraphFromFile(options: SupergraphFileOptions): SupergraphSdlHook {
  const { path, logger } = options;
  const prepare = options.prepare ?? ((sdl: string) => sdl);
  return async ({ update }) => {
    let current = await readFile(path, 'utf8');
    logger.info({ path, watch: options.watch }, 'supergraph loaded from file');
    if (!options.watch) return { supergraphSdl: prepare(current) };

    const reload = async () => {
      let next: string;
      try {
        next = await readFile(path, 'utf8');
      } catch (error) {
        // Mid-replace by an editor, or deleted: keep serving and wait for the next event.
        logger.warn({ path, err: error }, 'supergraph file unreadable; keeping the current schema');
        return;
      }
      // Unchanged (a touch, a neighbour in the folder) or truncated before the writer's final write.
      if (next === current || next.trim() === '') return;
      // Remembered even if rejected, so the same broken content is not retried on every event.
      current = next;
      try {
        update(prepare(next));
        logger.info({ path }, 'supergraph reloaded');
      } catch (error) {
        logger.error({ path, err: error }, 'supergraph update rejected; still serving the previous schema');
      }
    };
    const watcher = watchSettled(path, options.debounceMs ?? 150, reload, logger);
    return { supergraphSdl: prepare(current), cleanup: async () => watcher.close() };
  };
}

/**
 * Calls `onChange` once changes around `path` have been quiet for `debounceMs`, never twice at once.
 * The folder is watched, not the file: editors and `kubectl` replace the file (write a temporary one, then
 * rename or swap a symlink), which ends a watch on the old inode. Any event in the folder triggers a
 * read, and the caller ignores reads that did not change the content.
 */
function watchSettled(path: string, debounceMs: number, onChange: () => Promise<void>, logger: Logger) {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let pending = false;
  let closed = false;

  const run = () => {
    timer = undefined;
    if (closed) return;
    if (running) {
      pending = true;
      return;
    }
    running = onChange().finally(() => {
      running = undefined;
      if (pending && !closed) {
        pending = false;
        run();
      }
    });
  };
  const watcher: FSWatcher = watch(dirname(path), { persistent: true }, () => {
    clearTimeout(timer);
    timer = setTimeout(run, debounceMs);
  });
  watcher.on('error', (error) => logger.error({ path, err: error }, 'supergraph watch failed'));
  return {
    async close() {
      closed = true;
      clearTimeout(timer);
      watcher.close();
      await running;
    },
  };
}
