import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SupergraphSdlHook } from '@apollo/gateway';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { supergraphFromFile } from './supergraph-source';
import { eventually, recordingLogger } from './testing/stand-in';

let dir: string;
let path: string;
let cleanup: (() => Promise<void>) | undefined;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'supergraph-source-'));
  path = join(dir, 'supergraph.graphql');
  await writeFile(path, 'v1');
});

afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
  await rm(dir, { recursive: true, force: true });
});

/** Starts the hook with an `update` that accepts anything but content containing INVALID. */
async function start(watch: boolean) {
  const log = recordingLogger();
  const applied: string[] = [];
  const hook = supergraphFromFile({ path, watch, logger: log.logger, debounceMs: 20 });
  const result = await hook({
    update: (sdl: string) => {
      if (sdl.includes('INVALID')) throw new Error('not a supergraph');
      applied.push(sdl);
    },
  } as unknown as Parameters<SupergraphSdlHook>[0]);
  cleanup = result.cleanup;
  return { initial: result.supergraphSdl, applied, lines: log.lines };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 150));

describe('supergraphFromFile', () => {
  it('reads the file once when not watching', async () => {
    const { initial, applied } = await start(false);
    expect(initial).toBe('v1');
    expect(cleanup).toBeUndefined();
    await writeFile(path, 'v2');
    await settle();
    expect(applied).toEqual([]);
  });

  it('hands each settled change to the gateway, also after the file is replaced by a rename', async () => {
    const { initial, applied } = await start(true);
    expect(initial).toBe('v1');
    await writeFile(path, 'v2');
    await eventually(() => expect(applied).toEqual(['v2']));
    // How editors and config tools save: write elsewhere, rename over the original.
    await writeFile(join(dir, '.supergraph.tmp'), 'v3');
    await rename(join(dir, '.supergraph.tmp'), path);
    await eventually(() => expect(applied).toEqual(['v2', 'v3']));
    // The watch survived the replace.
    await writeFile(path, 'v4');
    await eventually(() => expect(applied).toEqual(['v2', 'v3', 'v4']));
  });

  it('coalesces a burst of writes into one update and ignores unchanged or empty content', async () => {
    const { applied } = await start(true);
    await writeFile(path, '');
    await writeFile(path, 'v');
    await writeFile(path, 'v2');
    await eventually(() => expect(applied).toEqual(['v2']));
    await writeFile(path, 'v2');
    await writeFile(path, '');
    await writeFile(join(dir, 'neighbour.txt'), 'x');
    await settle();
    expect(applied).toEqual(['v2']);
  });

  it('logs a rejected supergraph, keeps going, and applies the next valid one', async () => {
    const { applied, lines } = await start(true);
    await writeFile(path, 'INVALID');
    await eventually(() =>
      expect(lines).toContainEqual(
        expect.objectContaining({
          level: 50,
          msg: 'supergraph update rejected; still serving the previous schema',
        }),
      ),
    );
    expect(applied).toEqual([]);
    await writeFile(path, 'v2');
    await eventually(() => expect(applied).toEqual(['v2']));
  });

  it('survives the file disappearing for a while', async () => {
    const { applied, lines } = await start(true);
    await rm(path);
    await eventually(() =>
      expect(lines.some((l) => l.msg.startsWith('supergraph file unreadable'))).toBe(true),
    );
    await writeFile(path, 'v2');
    await eventually(() => expect(applied).toEqual(['v2']));
  });

  it('stops watching on cleanup', async () => {
    const { applied } = await start(true);
    await cleanup?.();
    cleanup = undefined;
    await writeFile(path, 'v2');
    await settle();
    expect(applied).toEqual([]);
  });
});
