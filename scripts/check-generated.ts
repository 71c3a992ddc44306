/**
 * CI guard: fails (exit 1, one line per problem) when a checked-in generated file is stale: the
 * composed schemas, the codegen outputs, or a subgraph's drizzle migrations. Everything is generated
 * in memory or into temp folders and compared with the tree, so it needs no git and writes nothing.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { generate } from '@graphql-codegen/cli';
import type { Config } from 'drizzle-kit';
import codegenConfig from '../codegen';
import { EVENTS_DOC, renderEventsDoc } from './events-doc';

const root = fileURLToPath(new URL('../', import.meta.url));
const bin = (name: string) => join(root, 'node_modules/.bin', name);

/** One line from a tool's error output: its first `XError:` line and the detail lines before the stack. */
function reason(text: string): string {
  const lines = text.split('\n').map((line) => line.trim());
  const start = Math.max(
    0,
    lines.findIndex((line) => /^\w*Error: /.test(line)),
  );
  const end = lines.findIndex((line, i) => i > start && (!line || line.startsWith('at ')));
  return lines
    .slice(start, end === -1 ? undefined : end)
    .join(' ')
    .slice(0, 400);
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

function run(command: string, args: string[], cwd: string, timeout = 25_000): Promise<Run> {
  return new Promise((done) => {
    const child = execFile(command, args, { cwd, timeout, encoding: 'utf8' }, (error, stdout, stderr) => {
      done({ code: child.exitCode, stdout, stderr, timedOut: Boolean(error?.killed) });
    });
    // No terminal: a prompt (drizzle-kit asking about a rename) must not wait for an answer.
    child.stdin?.end();
  });
}

async function checkComposition(): Promise<string[]> {
  const result = await run(bin('tsx'), ['schema/compose.ts', '--check'], root);
  if (result.code === 0) return [];
  const lines = result.stderr.split('\n').filter((line) => /^composition error:|is stale/.test(line));
  return lines.length ? lines : [`schema/compose.ts --check failed: ${reason(result.stderr)}`];
}

async function checkCodegen(): Promise<string[]> {
  let outputs: { filename: string; content: string }[];
  // Codegen logs a banner through console.error on failure; the reason is reported below instead.
  const consoleError = console.error;
  console.error = () => undefined;
  try {
    outputs = await generate({ ...codegenConfig, cwd: root, silent: true }, false);
  } catch (error) {
    const causes: unknown[] = error instanceof AggregateError ? error.errors : [error];
    return causes.map(
      (cause) => `codegen failed: ${reason(cause instanceof Error ? cause.message : String(cause))}`,
    );
  } finally {
    console.error = consoleError;
  }
  const problems: string[] = [];
  const produced = new Set<string>();
  for (const { filename, content } of outputs) {
    const path = isAbsolute(filename) ? filename : join(root, filename);
    produced.add(path);
    // Codegen skips writing empty outputs, so there is nothing committed to compare.
    if (!content) continue;
    const committed = await readFile(path, 'utf8').catch(() => null);
    if (committed !== content) {
      const state = committed === null ? 'missing' : 'stale';
      problems.push(`${relative(root, path)} is ${state}: run npm run codegen and commit it`);
    }
  }
  // A folder output (a preset) may leave files behind that it no longer generates.
  for (const folder of Object.keys(codegenConfig.generates).filter((key) => key.endsWith('/'))) {
    const files = await readdir(join(root, folder)).catch(() => []);
    for (const file of files.map((name) => join(root, folder, name))) {
      if (!produced.has(file)) problems.push(`${relative(root, file)} is no longer generated: delete it`);
    }
  }
  return problems;
}

const listFiles = async (dir: string) =>
  new Set(await readdir(dir, { recursive: true }).catch(() => [] as string[]));

async function checkMigrations(subgraph: string): Promise<string[]> {
  const cwd = join(root, 'subgraphs', subgraph);
  const where = `subgraphs/${subgraph}`;
  const { default: config }: { default: Config } = await import(
    pathToFileURL(join(cwd, 'drizzle.config.ts')).href
  );
  const tmp = await mkdtemp(join(tmpdir(), `check-generated-${subgraph}-`));
  try {
    const out = join(tmp, 'migrations');
    await cp(resolve(cwd, config.out ?? 'drizzle'), out, { recursive: true }).catch(() => mkdir(out));
    const before = await listFiles(out);
    // drizzle-kit refuses `--out` beside `--config`, and mangles absolute paths: a copy of the
    // config whose `out` is the temp folder, relative to the subgraph where the schema path is too.
    const configFile = join(tmp, 'drizzle.config.mjs');
    await writeFile(
      configFile,
      `export default ${JSON.stringify({ ...config, out: relative(cwd, out) })};\n`,
    );
    const result = await run(bin('drizzle-kit'), ['generate', '--config', configFile], cwd);
    const added = [...(await listFiles(out))].filter((file) => !before.has(file) && file.endsWith('.sql'));
    const stale = (why: string) => [
      `${where}: drizzle migrations are stale (${why}): run npx drizzle-kit generate there`,
    ];
    if (added.length) return stale(`would add ${added.join(', ')}`);
    // Without a terminal drizzle-kit quits at its "created or renamed?" prompt: the schema changed.
    if (/created or renamed/.test(result.stdout)) return stale('a rename to confirm');
    if (result.timedOut)
      return [`${where}: drizzle-kit generate did not finish (is it asking about a rename?)`];
    // drizzle-kit exits 0 on some failures, so success is its own message, not the exit code.
    if (!result.stdout.includes('No schema changes')) {
      return [`${where}: drizzle-kit generate failed: ${reason(result.stderr || result.stdout)}`];
    }
    return [];
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

async function checkEventsDoc(): Promise<string[]> {
  const committed = await readFile(EVENTS_DOC, 'utf8').catch(() => null);
  if (committed === renderEventsDoc()) return [];
  return [
    `${relative(root, EVENTS_DOC)} is ${committed === null ? 'missing' : 'stale'}: run npm run docs:events and commit it`,
  ];
}

const subgraphs = (await readdir(join(root, 'subgraphs'))).filter((name) =>
  existsSync(join(root, 'subgraphs', name, 'drizzle.config.ts')),
);
const problems = (
  await Promise.all([checkComposition(), checkCodegen(), checkEventsDoc(), ...subgraphs.map(checkMigrations)])
).flat();
for (const problem of problems) console.error(problem);
if (problems.length) process.exit(1);
console.log(
  `generated files are up to date (schemas, codegen, docs/EVENTS.md, migrations of ${subgraphs.join(', ')})`,
);
