/**
 * `npm run test:e2e`: the end-to-end suite in two lanes at once, the files on the shared graph beside
 * the files that start their own processes, each lane one file at a time. Vitest puts every file of a
 * one-worker project into a single queue, so each lane is a vitest run of its own project (see
 * tests/vitest.config.ts). Arguments go to both lanes (file filters, `--exclude`). The seeded store
 * template is made once, before either lane starts; a lane fails the whole run.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { prepareStoreTemplate } from '../tests/harness';
import { ROOT } from './services';

const LANES = ['shared-graph', 'own-processes'] as const;
const vitest = join(dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs');
const args = process.argv.slice(2);
const children: ReturnType<typeof spawn>[] = [];
// Stopped (Ctrl-C, CI's timeout): the lanes stop too, and the template is still removed after them.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    for (const child of children) child.kill(signal);
  });
}

function lane(project: (typeof LANES)[number]): Promise<number> {
  const child = spawn(
    process.execPath,
    [vitest, 'run', '--config', 'tests/vitest.config.ts', '--project', project, '--passWithNoTests', ...args],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  children.push(child);
  // Each line once, whole, under its lane's name: two reporters share the terminal.
  const label = `[${project}]`.padEnd(16);
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => process.stdout.write(`${label}${line}\n`));
  }
  // 'close', not 'exit': after the output is read to its end, so a lane's summary is never cut off.
  return new Promise((resolve) => child.once('close', (code, signal) => resolve(code ?? (signal ? 1 : 0))));
}

const dropTemplate = await prepareStoreTemplate();
let codes: number[];
try {
  codes = await Promise.all(LANES.map(lane));
} finally {
  await dropTemplate();
}
const failed = LANES.filter((_, i) => codes[i] !== 0);
if (failed.length) console.error(`test:e2e: failed in ${failed.join(' and ')}`);
process.exit(failed.length ? 1 : 0);
