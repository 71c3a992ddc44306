/**
 * `npm start`: checks that the graph's ports are free, boots the four subgraphs on the embedded stores,
 * then the gateway, waits until each of its own processes is healthy, prints the URLs, keeps them
 * running (a crashed service is restarted) and stops everything cleanly on Ctrl-C / SIGTERM.
 *
 * `npm start -- --reset-store <subgraph>` (repeatable) moves that subgraph's damaged embedded store
 * aside and starts it afresh with demo data.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { env, parseConfig } from '@freightgraph/platform';
import { z } from 'zod';
import { takenPorts } from './launcher/ports';
import { Supervisor } from './launcher/supervisor';
import { DEFAULT_PORTS, type GraphLayout, gatewaySpec, ROOT, SUBGRAPHS, subgraphSpecs } from './services';

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

function resetStores(): Set<string> {
  try {
    const { values } = parseArgs({ options: { 'reset-store': { type: 'string', multiple: true } } });
    const names = values['reset-store'] ?? [];
    const unknown = names.filter((name) => !(SUBGRAPHS as readonly string[]).includes(name));
    if (unknown.length) throw new Error(`--reset-store takes a subgraph (${SUBGRAPHS.join(', ')})`);
    return new Set(names);
  } catch (error) {
    console.error(`launcher: ${(error as Error).message}`);
    process.exit(2);
  }
}

const reset = resetStores();
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

let stopping = false;
const supervisor = new Supervisor({
  startupTimeoutMs: config.STARTUP_TIMEOUT_MS,
  giveUp: (reason) => {
    console.error(`launcher: ${reason}; stopping the graph`);
    void shutdown(1);
  },
});

async function shutdown(code: number): Promise<never> {
  stopping = true;
  await supervisor.stop();
  process.exit(code);
}

process.once('SIGINT', () => void shutdown(0));
process.once('SIGTERM', () => void shutdown(0));

const started = Date.now();
try {
  // Before anything starts: a port in use would have the launcher talk to someone else's process.
  const taken = await takenPorts(
    layout.host,
    Object.entries(layout.ports).map(([name, port]) => ({ name, port })),
  );
  if (taken.length) {
    throw new Error(
      `${taken.join('; ')}. Is another Freightgraph running? Stop it, or choose other ports ` +
        '(PORT, CUSTOMERS_PORT … VEHICLES_PORT)',
    );
  }
  const subgraphs = subgraphSpecs(layout);
  await Promise.all(
    subgraphs.map((service) =>
      supervisor.start(service, reset.has(service.name) ? { RESET_STORE: 'true' } : {}),
    ),
  );
  await supervisor.start(gatewaySpec(layout));
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
