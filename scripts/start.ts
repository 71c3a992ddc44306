/**
 * `npm start`: boots the four subgraphs on the embedded stores, then the gateway, waits until each is
 * healthy, prints the URLs, and stops everything cleanly on Ctrl-C / SIGTERM.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { env, parseConfig } from '@freightgraph/platform';
import { z } from 'zod';
import {
  DEFAULT_PORTS,
  type GraphLayout,
  gatewaySpec,
  ROOT,
  type ServiceSpec,
  subgraphSpecs,
} from './services';

const config = parseConfig(
  'launcher',
  z.object({
    PORT: env.port(DEFAULT_PORTS.gateway),
    CUSTOMERS_PORT: env.port(DEFAULT_PORTS.customers),
    ORDERS_PORT: env.port(DEFAULT_PORTS.orders),
    SHIPMENTS_PORT: env.port(DEFAULT_PORTS.shipments),
    VEHICLES_PORT: env.port(DEFAULT_PORTS.vehicles),
    HOST: env.host(),
    DATA_DIR: z.string().min(1).default(resolve(ROOT, '.data')),
    STARTUP_TIMEOUT_MS: z.coerce.number().int().positive().default(120_000),
  }),
);

const layout: GraphLayout = {
  host: config.HOST,
  dataDir: resolve(config.DATA_DIR),
  ports: {
    gateway: config.PORT,
    customers: config.CUSTOMERS_PORT,
    orders: config.ORDERS_PORT,
    shipments: config.SHIPMENTS_PORT,
    vehicles: config.VEHICLES_PORT,
  },
};

const children = new Map<string, ChildProcess>();
let stopping = false;

const LEVELS: Record<number, string> = {
  10: 'trace',
  20: 'debug',
  30: 'info',
  40: 'warn',
  50: 'error',
  60: 'fatal',
};

/** Services log JSON for machines; the launcher shows people one short line per entry. */
function relay(name: string, stream: NodeJS.ReadableStream) {
  const label = name.padEnd(9);
  createInterface({ input: stream }).on('line', (line) => {
    try {
      const entry = JSON.parse(line) as { level?: number; msg?: string; err?: { message?: string } };
      const level = LEVELS[entry.level ?? 30] ?? 'info';
      const detail = entry.err?.message ? `: ${entry.err.message}` : '';
      console.log(`${label} ${level.padEnd(5)} ${entry.msg ?? ''}${detail}`);
    } catch {
      console.log(`${label} ${line}`);
    }
  });
}

function launch(service: ServiceSpec): ChildProcess {
  const child = spawn(service.command, service.args, { cwd: service.cwd, env: service.env });
  children.set(service.name, child);
  if (child.stdout) relay(service.name, child.stdout);
  if (child.stderr) relay(service.name, child.stderr);
  child.once('exit', (code, signal) => {
    children.delete(service.name);
    if (stopping) return;
    console.error(`${service.name} exited unexpectedly (${signal ?? `code ${code}`}); stopping the graph`);
    void shutdown(1);
  });
  return child;
}

async function waitHealthy(service: ServiceSpec, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    if (stopping) throw new Error('stopped');
    try {
      if ((await fetch(service.healthUrl)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(
    `${service.name} was not healthy at ${service.healthUrl} within ${config.STARTUP_TIMEOUT_MS} ms`,
  );
}

async function shutdown(code: number): Promise<never> {
  stopping = true;
  await Promise.all(
    [...children.values()].map(
      (child) =>
        new Promise<void>((done) => {
          const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
          child.once('exit', () => {
            clearTimeout(force);
            done();
          });
          child.kill('SIGTERM');
        }),
    ),
  );
  process.exit(code);
}

process.once('SIGINT', () => void shutdown(0));
process.once('SIGTERM', () => void shutdown(0));

const started = Date.now();
const deadline = started + config.STARTUP_TIMEOUT_MS;
try {
  const subgraphs = subgraphSpecs(layout);
  for (const service of subgraphs) launch(service);
  await Promise.all(subgraphs.map((service) => waitHealthy(service, deadline)));
  const gateway = gatewaySpec(layout);
  launch(gateway);
  await waitHealthy(gateway, deadline);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const root = `http://${layout.host === '127.0.0.1' ? 'localhost' : layout.host}:${layout.ports.gateway}`;
  console.log(
    [
      '',
      `Freightgraph is up in ${seconds} s (data in ${layout.dataDir})`,
      `  Gateway:    ${root}/graphql`,
      `  Playground: ${root}/`,
      ...subgraphs.map((s) => `  ${s.name.padEnd(10)}  ${s.url}`),
      "Queries need a token: sign in by role in the playground's Sign in panel, or npm run token -- --role admin.",
      'Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  );
} catch (error) {
  if (!stopping) {
    console.error(`launcher: ${error instanceof Error ? error.message : String(error)}`);
    await shutdown(1);
  }
}
