import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BUNDLE_FILES, loadBundle } from './bundle';

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

describe('the playground bundle', () => {
  it('is built from installed packages once, then read from the cache', async () => {
    const cacheDir = await mkdtemp(join(tmpdir(), 'gateway-bundle-'));
    dirs.push(cacheDir);
    await mkdir(join(cacheDir, '0123456789abcdef'));

    const first = await loadBundle(cacheDir);
    const built = await first.files;
    expect(first.cached()).toBe(false);
    expect(Object.keys(built).sort()).toEqual([...BUNDLE_FILES].sort());
    // GraphiQL's own CDN set-up (esm.sh) must not be what got bundled.
    expect(built['playground.js'].toString()).not.toContain('esm.sh');
    for (const worker of ['editor.worker.js', 'json.worker.js', 'graphql.worker.js'] as const)
      expect(built[worker].length, worker).toBeGreaterThan(50_000);
    // The earlier bundle (another key) is gone; only this one is kept.
    expect(await readdir(cacheDir)).toEqual([first.key]);

    const second = await loadBundle(cacheDir);
    expect(second.key).toBe(first.key);
    const cached = await second.files;
    expect(second.cached()).toBe(true);
    for (const file of BUNDLE_FILES) expect(cached[file].equals(built[file]), file).toBe(true);
  }, 180_000);
});
