import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type EmbeddedClient, openEmbedded, StoreDamagedError } from './embedded';
import { LOCK_FILE, StoreInUseError } from './lock';

const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (let step = cleanup.pop(); step; step = cleanup.pop()) await step();
});

async function storeDir(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'freightgraph-store-'));
  cleanup.push(() => rm(root, { recursive: true, force: true }));
  return join(root, 'shipments');
}

async function open(dir: string, reset = false): Promise<EmbeddedClient> {
  const store = await openEmbedded(dir, { reset });
  cleanup.push(() => store.close());
  return store;
}

describe('embedded store', { timeout: 120_000 }, () => {
  it('lets the event loop read its sockets between queries, however many are queued', async () => {
    const { client } = await open(await storeDir());
    let done = 0;
    const burst = Array.from({ length: 2_000 }, () => client.query('select 1').then(() => done++));
    // A timer due now stands for a socket with data waiting: it must not wait for the whole burst.
    const doneWhenTimerFired = await new Promise<number>((resolve) => setTimeout(() => resolve(done), 0));
    await Promise.all(burst);
    expect(done).toBe(2_000);
    // Each query takes well under the 5 ms the store may hold the loop: many run before the timer, not all.
    expect(doneWhenTimerFired).toBeGreaterThan(0);
    expect(doneWhenTimerFired).toBeLessThan(1_000);
  });

  it('has one writer: a second open is refused with the folder and the holder pid, until released', async () => {
    const dir = await storeDir();
    const first = await openEmbedded(dir);
    await first.client.query('create table t (x int)');
    const refusal = await openEmbedded(dir).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(StoreInUseError);
    expect((refusal as Error).message).toBe(
      `the store ${dir} is already open by another process (pid ${process.pid}); ` +
        'stop that process first, or give this one another DATA_DIR',
    );
    await first.close();
    const second = await open(dir);
    expect((await second.client.query('select count(*)::int as n from t')).rows).toEqual([{ n: 0 }]);
  });

  it('takes over the lock of a process that was killed with SIGKILL', async () => {
    const dir = await storeDir();
    // A child takes the lock and is killed without any chance to release it.
    await mkdir(dir, { recursive: true });
    const script = `const { lockStore } = await import(${JSON.stringify(join(import.meta.dirname, 'lock.ts'))});
      await lockStore(process.argv[1]);
      console.log('locked');
      setInterval(() => {}, 1000);`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, dir], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    cleanup.push(async () => child.kill('SIGKILL'));
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    await expect(openEmbedded(dir)).rejects.toThrow(`(pid ${child.pid})`);
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    const store = await open(dir);
    expect((await store.client.query('select 1 as one')).rows).toEqual([{ one: 1 }]);
  });

  it('names a damaged store, says what to do, and resets it only when asked', async () => {
    const dir = await storeDir();
    const store = await openEmbedded(dir);
    await store.close();
    await writeFile(join(dir, 'global', 'pg_control'), Buffer.alloc(8192, 0x5a));
    const failure = await openEmbedded(dir).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(StoreDamagedError);
    const message = (failure as Error).message;
    expect(message).toContain(`the embedded store in ${dir} is damaged and cannot be opened`);
    expect(message).toContain('Restore the folder from a backup');
    expect(message).toContain('npm start -- --reset-store shipments');
    expect(message).not.toMatch(/^Aborted/);
    // The failed open left the lock free, and the reset keeps the damaged files beside the fresh store.
    const fresh = await open(dir, true);
    expect((await fresh.client.query('select 1 as one')).rows).toEqual([{ one: 1 }]);
    const siblings = await readdir(join(dir, '..'));
    const aside = siblings.find((name) => name.startsWith('shipments.damaged-'));
    expect(aside).toBeDefined();
    expect(await readdir(join(dir, '..', aside!))).toContain('PG_VERSION');
    expect(await readdir(join(dir, '..', aside!))).not.toContain(LOCK_FILE);
  });
});
