/**
 * Tier three of the tests: the real five processes, started the way `npm start` starts them, on free
 * ports and throwaway data folders. When `<NAME>_DATABASE_URL` is set (CI does that), the subgraphs use
 * that PostgreSQL instead of the embedded store, each graph on fresh databases of its own beside it.
 */
import { randomBytes } from 'node:crypto';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

export interface GraphOptions {
  /** Extra environment for every service (an OTLP receiver, `NODE_OPTIONS` for an inspector, a NATS of a suite's own). */
  env?: NodeJS.ProcessEnv;
  /** Node flags for every service, before its entry point (`--cpu-prof`, which NODE_OPTIONS refuses). */
  nodeArgs?: (service: string) => string[];
}

export async function startGraph(options: GraphOptions = {}): Promise<RunningGraph> {
  const cleanup = new CleanupStack();
  const dataDir = await mkdtemp(join(tmpdir(), 'freightgraph-e2e-'));
  cleanup.defer(() => rm(dataDir, { recursive: true, force: true }));
  const ports = {
    gateway: await freePort(),
    customers: await freePort(),
    orders: await freePort(),
    shipments: await freePort(),
    vehicles: await freePort(),
  };
  // The suites send bursts as one admin; the limiter itself is proven by production.test.ts.
  const databases = await ownDatabases({ ...process.env, ...options.env });
  cleanup.defer(databases.drop);
  const env = {
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
