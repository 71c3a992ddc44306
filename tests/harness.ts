/**
 * Tier three of the tests: the real five processes, started the way `npm start` starts them, on free
 * ports and throwaway data folders. When `<NAME>_DATABASE_URL` is set (CI does that), the subgraphs use
 * that PostgreSQL instead of the embedded store, each graph on fresh databases of its own beside it.
 */

import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { devKeysDir } from '@freightgraph/platform';
import { CleanupStack, freePort, type ManagedProcess, startProcess } from '@freightgraph/platform/testing';
import {
  type GraphLayout,
  gatewaySpec,
  type ServiceSpec,
  SUBGRAPHS,
  type SubgraphName,
  subgraphSpecs,
} from '../scripts/services';
import { ownDatabases } from './databases';

export { freePort };

const execFileAsync = promisify(execFile);

export interface RunningGraph {
  layout: GraphLayout;
  gatewayUrl: string;
  subgraphUrls: Record<SubgraphName, string>;
  processes: Map<string, ManagedProcess>;
  /** Restarts one service (after a kill) on the same port and data; `env` adds to its environment. */
  restart(name: SubgraphName | 'gateway', env?: NodeJS.ProcessEnv): Promise<void>;
  stop(): Promise<void>;
}

function start(service: ServiceSpec): Promise<ManagedProcess> {
  // Generous: on a loaded machine five processes compiling TypeScript at once take minutes.
  return startProcess({ ...service, readyUrl: service.healthUrl, timeoutMs: 300_000 });
}

/**
 * With `E2E_NATS_URL` set (CI's last pass) the subgraphs exchange their domain events through that
 * NATS, under a prefix of this graph's own; otherwise through each other's HTTP inboxes.
 */
function busEnv(): NodeJS.ProcessEnv {
  const url = process.env.E2E_NATS_URL;
  return url ? { NATS_URL: url, NATS_STREAM_PREFIX: `e2e${randomBytes(6).toString('hex')}` } : {};
}

/**
 * What every service gets whatever the runner's environment says: NODE_ENV as `npm start` leaves it
 * (development), not vitest's `test`, under which Apollo Server, for one, acts differently (it left
 * SIGTERM to us only there, which hid its own handler killing the services mid-drain).
 */
const SERVICE_ENV = { NODE_ENV: 'development' };

async function freeGraphPorts(): Promise<GraphLayout['ports']> {
  return {
    gateway: await freePort(),
    customers: await freePort(),
    orders: await freePort(),
    shipments: await freePort(),
    vehicles: await freePort(),
  };
}

export interface GraphOptions {
  /** Extra environment for every service (an OTLP receiver, `NODE_OPTIONS` for an inspector, a NATS of a suite's own). */
  env?: NodeJS.ProcessEnv;
  /** Node flags for every service, before its entry point (`--cpu-prof`, which NODE_OPTIONS refuses). */
  nodeArgs?: (service: string) => string[];
}

/**
 * Stores a graph may start from instead of seeding its own: the subgraphs' folders and keys of a graph
 * that was booted once and stopped, and on PostgreSQL the suffix of its databases (copied with
 * `create database … template`). `npm run test:e2e` (or, run directly, the suite's global setup) makes
 * one with `prepareStoreTemplate` and hands it to the test files in `E2E_STORE_TEMPLATE`; seeding each
 * graph afresh took most of its boot.
 */
export interface StoreTemplate {
  dataDir: string;
  databases?: string;
}

const TEMPLATE_ENV = 'E2E_STORE_TEMPLATE';

/** `cp -a`: three times as fast as fs.cp on the stores' four thousand small files (1.1 against 3.4 s). */
async function copyTree(from: string, to: string): Promise<void> {
  await mkdir(to, { recursive: true });
  await execFileAsync('cp', ['-a', `${from}/.`, to]);
}

export function storeTemplate(): StoreTemplate | undefined {
  const value = process.env[TEMPLATE_ENV];
  return value ? (JSON.parse(value) as StoreTemplate) : undefined;
}

/**
 * Boots the four subgraphs once on fresh stores (migrated and seeded, as `npm start` does the first
 * time), stops them cleanly, and publishes the result in the environment for every graph started after
 * (in this process and the test workers it forks). Returns the function that deletes it.
 */
export async function prepareStoreTemplate(): Promise<() => Promise<void>> {
  const cleanup = new CleanupStack();
  const dataDir = await mkdtemp(join(tmpdir(), 'freightgraph-template-'));
  cleanup.defer(() => rm(dataDir, { recursive: true, force: true }));
  const databases = await ownDatabases(process.env);
  cleanup.defer(databases.drop);
  // Only the subgraphs own stores: the gateway is not started.
  const layout: GraphLayout = {
    host: '127.0.0.1',
    ports: await freeGraphPorts(),
    dataDir,
    env: { ...SERVICE_ENV, LOG_LEVEL: 'warn', ...databases.env },
  };
  try {
    // Settled, not all: when one fails to start, the others still starting are stopped too, not orphaned.
    const starts = await Promise.allSettled(subgraphSpecs(layout).map(start));
    const running = starts.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    await Promise.all(running.map((p) => p.stop(60_000)));
    const failed = starts.find((s) => s.status === 'rejected');
    if (failed) throw failed.reason;
    // Only a clean exit closed the store and handed the relay's lease back; copies of anything else
    // would replay the store's log and wait out the lease.
    const unclean = running.filter((p) => p.child.exitCode !== 0);
    if (unclean.length) {
      throw new Error(`the store template's ${unclean.map((p) => p.name).join(', ')} did not stop cleanly`);
    }
  } catch (error) {
    await cleanup.run();
    throw error;
  }
  const onPostgres = Object.keys(databases.env).length > 0;
  const template: StoreTemplate = onPostgres ? { dataDir, databases: databases.suffix } : { dataDir };
  process.env[TEMPLATE_ENV] = JSON.stringify(template);
  return async () => {
    delete process.env[TEMPLATE_ENV];
    await cleanup.run();
  };
}

export async function startGraph(options: GraphOptions = {}): Promise<RunningGraph> {
  const cleanup = new CleanupStack();
  const dataDir = await mkdtemp(join(tmpdir(), 'freightgraph-e2e-'));
  cleanup.defer(() => rm(dataDir, { recursive: true, force: true }));
  const template = storeTemplate();
  if (template) await copyTree(template.dataDir, dataDir);
  const ports = await freeGraphPorts();
  const databases = await ownDatabases({ ...process.env, ...options.env }, template?.databases);
  cleanup.defer(databases.drop);
  // The suites send bursts as one admin; the limiter itself is proven by production.test.ts.
  const env = {
    ...SERVICE_ENV,
    LOG_LEVEL: 'warn',
    RATE_LIMIT_BURST: '100000',
    ...busEnv(),
    ...options.env,
    ...databases.env,
  };
  const layout: GraphLayout = { host: '127.0.0.1', ports, dataDir, env };
  const specs = new Map<string, ServiceSpec>(
    [...subgraphSpecs(layout), gatewaySpec(layout)].map((spec) => [spec.name, spec]),
  );
  const processes = new Map<string, ManagedProcess>();
  const launch = async (name: string, extra: NodeJS.ProcessEnv = {}) => {
    const spec = specs.get(name);
    if (!spec) throw new Error(`unknown service ${name}`);
    const args = [...(options.nodeArgs?.(name) ?? []), ...spec.args];
    const running = await start({ ...spec, args, env: { ...spec.env, ...extra } });
    processes.set(name, running);
  };
  cleanup.defer(() => Promise.all([...processes.values()].map((p) => p.stop())));
  try {
    await Promise.all(SUBGRAPHS.map((name) => launch(name)));
    await launch('gateway');
  } catch (error) {
    await cleanup.run();
    throw error;
  }
  return {
    layout,
    gatewayUrl: specs.get('gateway')!.url,
    subgraphUrls: Object.fromEntries(SUBGRAPHS.map((name) => [name, specs.get(name)!.url])) as Record<
      SubgraphName,
      string
    >,
    processes,
    restart: launch,
    stop: () => cleanup.run(),
  };
}

export interface ExtraInstance {
  url: string;
  layout: GraphLayout;
  process: ManagedProcess;
  stop(): Promise<void>;
}

/**
 * Starts one more instance of a service beside a running graph, as a second replica would run: on its
 * own port, with `ports` overriding where it finds the others (a second gateway pointed at a second
 * shipments instance). A subgraph replica gets its own data folder (the embedded store is one process's),
 * seeded alike, unless `<NAME>_DATABASE_URL` makes both share PostgreSQL. `env` adds to its environment.
 */
export async function startExtraInstance(
  graph: { layout: GraphLayout },
  name: SubgraphName | 'gateway',
  ports: Partial<GraphLayout['ports']> = {},
  env: NodeJS.ProcessEnv = {},
): Promise<ExtraInstance> {
  const cleanup = new CleanupStack();
  const dataDir = await mkdtemp(join(tmpdir(), `freightgraph-${name}-replica-`));
  cleanup.defer(() => rm(dataDir, { recursive: true, force: true }));
  // Its own store, but the graph's keys: one identity for every instance, as in production.
  await cp(devKeysDir(graph.layout.dataDir), devKeysDir(dataDir), { recursive: true });
  // On PostgreSQL the replica shares the graph's databases; an embedded one starts from the template.
  const template = storeTemplate();
  if (template && !template.databases && name !== 'gateway') {
    await copyTree(join(template.dataDir, name), join(dataDir, name));
  }
  const layout: GraphLayout = {
    ...graph.layout,
    env: { ...graph.layout.env, ...env },
    dataDir,
    ports: { ...graph.layout.ports, ...ports, [name]: await freePort() },
  };
  const spec = name === 'gateway' ? gatewaySpec(layout) : subgraphSpecs(layout).find((s) => s.name === name)!;
  let running: ManagedProcess;
  try {
    running = await start(spec);
    cleanup.defer(() => running.stop());
  } catch (error) {
    await cleanup.run();
    throw error;
  }
  return { url: spec.url, layout, process: running, stop: () => cleanup.run() };
}
