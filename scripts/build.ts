/**
 * `npm run build`: compiles every service and the platform package to JavaScript under each one's
 * `dist/` (tsc, then tsc-alias to give relative imports the `.js` / `/index.js` Node's ESM loader
 * needs), and copies what the code reads beside itself at run time (SDL files, migrations, the
 * playground's client sources, which esbuild bundles when the gateway starts). Containers then run
 * `node --conditions=compiled dist/index.js`: the `compiled` export condition points
 * `@freightgraph/platform` at its `dist/` too (development and tests keep the TypeScript sources).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT } from './services';

export const PACKAGES = [
  'packages/platform',
  'subgraphs/customers',
  'subgraphs/orders',
  'subgraphs/shipments',
  'subgraphs/vehicles',
  'gateway',
] as const;

/** Files and folders under `src/` the compiled code reads from next to itself. */
const ASSET = /\.(graphql|sql|json)$/;
const ASSET_DIRS = ['db/migrations', 'playground/client'];

function run(command: string, args: string[]) {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.status})`);
}

function copyAssets(src: string, dist: string, dir = src) {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    const rel = relative(src, path);
    if (statSync(path).isDirectory()) {
      if (ASSET_DIRS.includes(rel)) cpSync(path, join(dist, rel), { recursive: true });
      else if (entry !== '__tests__') copyAssets(src, dist, path);
    } else if (ASSET.test(entry)) {
      cpSync(path, join(dist, rel));
    }
  }
}

export function build(packages: readonly string[] = PACKAGES): void {
  const bin = (name: string) => join(ROOT, 'node_modules/.bin', name);
  for (const pkg of packages) {
    const dir = join(ROOT, pkg);
    const dist = join(dir, 'dist');
    rmSync(dist, { recursive: true, force: true });
    const config = join(dir, 'tsconfig.build.json');
    if (!existsSync(config)) throw new Error(`${pkg} has no tsconfig.build.json`);
    run(bin('tsc'), ['-p', config]);
    run(bin('tsc-alias'), ['-p', config]);
    copyAssets(join(dir, 'src'), dist);
    console.log(`built ${pkg}/dist`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const only = process.argv.slice(2);
  build(only.length > 0 ? only : PACKAGES);
}
