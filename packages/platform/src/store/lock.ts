/// <reference path="./fs-native-extensions.d.ts" />
import { closeSync, constants, ftruncateSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/** The file inside an embedded store folder whose OS lock says which process owns the store. */
export const LOCK_FILE = 'freightgraph.lock';

/** A live process already has the store open; starting a second writer would damage it. */
export class StoreInUseError extends Error {
  override name = 'StoreInUseError';
}

export interface StoreLock {
  release(): void;
}

/**
 * Takes the store folder's exclusive lock, or throws `StoreInUseError` naming the folder and the holder.
 * It is an OS lock (an open-file-description lock on Linux, flock on macOS, LockFileEx on Windows) held
 * through an open descriptor, so the kernel drops it when the holder ends, kill -9 included: a lock left
 * by a dead process is simply free again, with no staleness guess. The pid written in the file is only
 * for the message.
 */
export async function lockStore(dir: string): Promise<StoreLock> {
  const { default: fsx } = await import('fs-native-extensions');
  const path = join(dir, LOCK_FILE);
  const fd = openSync(path, constants.O_RDWR | constants.O_CREAT, 0o644);
  let locked = false;
  try {
    locked = fsx.tryLock(fd);
  } finally {
    if (!locked) closeSync(fd);
  }
  if (!locked) {
    throw new StoreInUseError(
      `the store ${dir} is already open by another process (${holderOf(path)}); ` +
        'stop that process first, or give this one another DATA_DIR',
    );
  }
  ftruncateSync(fd);
  writeSync(fd, `${process.pid}\n`, 0);
  return {
    release() {
      fsx.unlock(fd);
      closeSync(fd);
    },
  };
}

function holderOf(path: string): string {
  try {
    const pid = readFileSync(path, 'utf8').trim();
    // Empty while the holder is between taking the lock and writing its pid.
    return /^\d+$/.test(pid) ? `pid ${pid}` : 'pid unknown';
  } catch {
    return 'pid unknown';
  }
}
