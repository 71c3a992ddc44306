/**
 * Runs the federation conformance suite (graphql-hive/federation-gateway-audit) against our gateway
 * and, for comparison, stock @apollo/gateway. The suite is not vendored: pass the path of a checkout
 * whose dependencies are installed (`npm ci --omit=dev` in it). See docs/CONFORMANCE.md.
 *
 *   npm run conformance -w bench -- <audit checkout> [ours|stock ...]
 *
 * The audit's own CLI drives it: it serves every test suite's subgraphs, and for each suite runs a
 * script written here that fetches the suite's supergraph into a file and starts the gateway on it
 * (ours with AUTH_MODE=off and every other setting at its default).
 */
import { spawn } from 'node:child_process';
import {
  chmodSync,
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const TSX = join(REPO, 'node_modules/.bin/tsx');
// `node --import tsx` resolves from the cwd, which is a temporary folder here: name the loader's file.
const TSX_LOADER = pathToFileURL(join(REPO, 'node_modules/tsx/dist/loader.mjs')).href;
const CONTENDERS = {
  ours: join(REPO, 'gateway/src/index.ts'),
  stock: join(REPO, 'bench/src/conformance/stock-gateway.ts'),
} as const;
type Contender = keyof typeof CONTENDERS;

function fail(message: string): never {
  console.error(`conformance: ${message}`);
  process.exit(2);
}

const [auditArg, ...contenderArgs] = process.argv.slice(2);
const audit = resolve(auditArg ?? process.env.FEDERATION_AUDIT_DIR ?? fail('pass the audit checkout path'));
if (!existsSync(join(audit, 'src/cli.ts'))) fail(`${audit} is not a federation-gateway-audit checkout`);
if (!existsSync(join(audit, 'node_modules'))) fail(`run \`npm ci --omit=dev\` in ${audit} first`);
// graphql is only the audit's peer and dev dependency (its dev tools are not all on the registry, so
// `--omit=dev` is the install that works): lend it ours.
if (!existsSync(join(audit, 'node_modules/graphql'))) {
  symlinkSync(join(REPO, 'node_modules/graphql'), join(audit, 'node_modules/graphql'), 'dir');
}
const contenders = (contenderArgs.length > 0 ? contenderArgs : ['ours', 'stock']) as Contender[];
for (const name of contenders) if (!(name in CONTENDERS)) fail(`unknown contender ${name} (ours, stock)`);

const freePort = () =>
  new Promise<number>((done, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => done(typeof address === 'object' && address ? address.port : 0));
    });
  });

/** The script the audit runs per suite, with the suite id as `$1`. */
function runScript(contender: Contender, dir: string, auditPort: number, port: number): string {
  const env = [
    `PORT=${port}`,
    'HOST=127.0.0.1',
    'SUPERGRAPH_PATH=./supergraph.graphql',
    ...(contender === 'ours' ? ['AUTH_MODE=off', 'LOG_LEVEL=warn', `DATA_DIR=${join(dir, 'data')}`] : []),
  ];
  return [
    '#!/bin/sh',
    'set -e',
    'cd "$(dirname "$0")"',
    `"${TSX}" "${join(audit, 'src/cli.ts')}" supergraph --cwd . --test "$1" --port ${auditPort}`,
    `exec env ${env.join(' ')} node --import ${TSX_LOADER} "${CONTENDERS[contender]}"`,
    '',
  ].join('\n');
}

const WITH_RESOLVERS = `Promise.withResolvers ??= function withResolvers() {
  let resolve, reject;
  const promise = new this((yes, no) => { resolve = yes; reject = no; });
  return { promise, resolve, reject };
};
`;

interface Outcome {
  passed: number;
  failed: number;
  /** `suite_index` of every failed test. */
  failures: string[];
}

async function run(contender: Contender): Promise<Outcome> {
  const dir = join(tmpdir(), `freightgraph-conformance-${contender}-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const [auditPort, port] = [await freePort(), await freePort()];
  const script = join(dir, 'run.sh');
  writeFileSync(script, runScript(contender, dir, auditPort, port));
  chmodSync(script, 0o755);
  // The audit is written for Node 22; Node 20 (ours) lacks only Promise.withResolvers.
  const polyfill = join(dir, 'with-resolvers.mjs');
  writeFileSync(polyfill, WITH_RESOLVERS);
  const graphql = `http://127.0.0.1:${port}/graphql`;
  const output = openSync(join(dir, 'audit.log'), 'w');
  const cli = spawn(
    TSX,
    [
      join(audit, 'src/cli.ts'),
      'test',
      ...['--cwd', dir, '--run-script', script, '--port', String(auditPort)],
      ...['--graphql', graphql, '--healthcheck', `http://127.0.0.1:${port}/health`, '--write', 'results.txt'],
    ],
    // The audit waits 5 s for a gateway by default (then runs the suite anyway); a loaded machine needs
    // longer to start one (under a load average of 40, over a minute).
    {
      cwd: REPO,
      // Its output (progress, and kill-port's noise between suites) goes to a file beside the logs.
      stdio: ['ignore', output, output],
      env: {
        ...process.env,
        GATEWAY_TIMEOUT: '180000',
        NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import ${pathToFileURL(polyfill).href}`.trim(),
      },
    },
  );
  const code = await new Promise<number | null>((done) => cli.once('exit', done));
  closeSync(output);
  if (code !== 0)
    fail(`the audit exited with ${code}; see ${join(dir, 'audit.log')} and ${join(dir, 'logs')}`);
  // results.txt: a suite id line, then one character per test ('.' passed, 'X' failed), then totals.
  const lines = readFileSync(join(dir, 'results.txt'), 'utf8').split('\n');
  const outcome: Outcome = { passed: 0, failed: 0, failures: [] };
  for (let i = 0; i + 1 < lines.length && lines[i] !== ''; i += 2) {
    const [suite, marks] = [lines[i] ?? '', lines[i + 1] ?? ''];
    [...marks].forEach((mark, index) => {
      if (mark === '.') outcome.passed++;
      if (mark === 'X') {
        outcome.failed++;
        outcome.failures.push(`${suite}_${index}`);
      }
    });
  }
  console.log(`${contender}: logs and results in ${dir}`);
  return outcome;
}

const outcomes = new Map<Contender, Outcome>();
for (const contender of contenders) outcomes.set(contender, await run(contender));
for (const [contender, { passed, failed, failures }] of outcomes) {
  console.log(`${contender}: ${passed} passed, ${failed} failed${failed ? ` (${failures.join(', ')})` : ''}`);
}
const ours = outcomes.get('ours');
const stock = outcomes.get('stock');
if (ours && stock) {
  const regressions = ours.failures.filter((id) => !stock.failures.includes(id));
  console.log(
    regressions.length
      ? `ours fails where stock passes: ${regressions.join(', ')}`
      : 'ours passes every test stock passes',
  );
  process.exitCode = regressions.length ? 1 : 0;
}
