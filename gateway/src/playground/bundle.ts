import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BuildOptions } from 'esbuild';

/** The files the bundle consists of; the page loads the first two, Monaco the workers. */
export const BUNDLE_FILES = [
  'playground.js',
  'playground.css',
  'editor.worker.js',
  'json.worker.js',
  'graphql.worker.js',
] as const;
export type BundleFile = (typeof BUNDLE_FILES)[number];
export type Bundle = Record<BundleFile, Buffer>;

const CLIENT_DIR = fileURLToPath(new URL('./client/', import.meta.url));
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** Kept with the installed packages it is built from, so a fresh `npm install` starts clean. */
export const DEFAULT_CACHE_DIR = join(ROOT, 'node_modules/.cache/freightgraph-playground');

// One React for GraphiQL and every library it pulls in: hoisted packages (Radix) would otherwise find
// another workspace's React at the root and fail with "invalid hook call".
const require = createRequire(import.meta.url);
const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));

const OPTIONS = {
  alias: { react: packageDir('react'), 'react-dom': packageDir('react-dom') },
  entryPoints: {
    playground: join(CLIENT_DIR, 'main.tsx'),
    'editor.worker': join(CLIENT_DIR, 'workers/editor.ts'),
    'json.worker': join(CLIENT_DIR, 'workers/json.ts'),
    'graphql.worker': join(CLIENT_DIR, 'workers/graphql.ts'),
  },
  bundle: true,
  minify: true,
  // Classic scripts: the page and the workers load without module or eval support in the CSP.
  format: 'iife',
  target: 'es2022',
  jsx: 'automatic',
  define: { 'process.env.NODE_ENV': '"production"' },
  // Monaco's codicon font and GraphiQL's images inline, so the bundle is these five files only.
  loader: {
    '.ttf': 'dataurl',
    '.woff': 'dataurl',
    '.woff2': 'dataurl',
    '.svg': 'dataurl',
    '.png': 'dataurl',
  },
  legalComments: 'none',
  logLevel: 'silent',
} satisfies BuildOptions;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.(tsx?|css)$/.test(file) && !file.endsWith('.test.ts'))
    .sort()
    .map((file) => join(dir, file));
}

/**
 * What the bundle is built from: esbuild and its options, our client sources, and the lockfile (every
 * package version bundled). Any change gives a new key, so a stale bundle is never served.
 */
export function bundleKey(esbuildVersion: string): string {
  const hash = createHash('sha256').update(esbuildVersion).update(JSON.stringify(OPTIONS));
  const lockfile = join(ROOT, 'package-lock.json');
  for (const file of [...sourceFiles(CLIENT_DIR), join(CLIENT_DIR, '../shared.ts'), lockfile]) {
    hash.update(file.slice(ROOT.length)).update(existsSync(file) ? readFileSync(file) : '');
  }
  return hash.digest('hex').slice(0, 16);
}

async function readCached(dir: string): Promise<Bundle | undefined> {
  try {
    const files = await Promise.all(BUNDLE_FILES.map((file) => readFile(join(dir, file))));
    return Object.fromEntries(BUNDLE_FILES.map((file, i) => [file, files[i]])) as Bundle;
  } catch {
    return undefined;
  }
}

async function build(): Promise<Bundle> {
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    ...OPTIONS,
    absWorkingDir: ROOT,
    outdir: join(ROOT, 'out'),
    write: false,
  });
  const bundle: Partial<Bundle> = {};
  for (const output of result.outputFiles) {
    const name = basename(output.path) as BundleFile;
    if (!BUNDLE_FILES.includes(name)) throw new Error(`unexpected playground bundle output ${name}`);
    bundle[name] = Buffer.from(output.contents);
  }
  const missing = BUNDLE_FILES.filter((file) => !bundle[file]);
  if (missing.length) throw new Error(`playground bundle lacks ${missing.join(', ')}`);
  return bundle as Bundle;
}

/** Bundles of earlier sources or versions are never served again; a build in progress is left alone. */
async function pruneOthers(cacheDir: string, key: string): Promise<void> {
  const entries = await readdir(cacheDir).catch(() => [] as string[]);
  const stale = entries.filter((name) => /^[0-9a-f]{16}$/.test(name) && name !== key);
  await Promise.all(stale.map((name) => rm(join(cacheDir, name), { recursive: true, force: true })));
}

export interface BundleResult {
  key: string;
  /** Resolves to the files, read from the cache or built (and cached) on first use. */
  files: Promise<Bundle>;
  /** Whether `files` came from the cache; known once `files` resolves. */
  cached(): boolean | undefined;
}

/**
 * GraphiQL 5 ships ES modules and loads Monaco's editor workers from URLs, so the playground is bundled
 * here with esbuild, from installed packages only: nothing is fetched. The result is cached under
 * `cacheDir/<key>`; gateways starting at once may both build, and the first rename wins.
 */
export async function loadBundle(cacheDir = DEFAULT_CACHE_DIR): Promise<BundleResult> {
  const { version } = await import('esbuild');
  const key = bundleKey(version);
  const dir = join(cacheDir, key);
  let fromCache: boolean | undefined;
  const files = (async () => {
    const cached = await readCached(dir);
    fromCache = cached !== undefined;
    if (cached) return cached;
    const built = await build();
    const temp = `${dir}.${process.pid}.${randomUUID()}.tmp`;
    await mkdir(temp, { recursive: true });
    await Promise.all(BUNDLE_FILES.map((file) => writeFile(join(temp, file), built[file])));
    await rename(temp, dir).catch(() => rm(temp, { recursive: true, force: true }));
    await pruneOthers(cacheDir, key);
    return built;
  })();
  return { key, files, cached: () => fromCache };
}
