/**
 * The five services of the graph and how to start each one as a user would. Shared by the `npm start`
 * launcher and the end-to-end tests, so both boot the graph the same way.
 */
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../', import.meta.url));

export const SUBGRAPHS = ['customers', 'orders', 'shipments', 'vehicles'] as const;
export type SubgraphName = (typeof SUBGRAPHS)[number];

export const DEFAULT_PORTS: Record<SubgraphName | 'gateway', number> = {
  gateway: 4000,
  customers: 4001,
  orders: 4002,
  shipments: 4003,
  vehicles: 4004,
};

export interface ServiceSpec {
  name: SubgraphName | 'gateway';
  cwd: string;
  /** `node --import tsx src/index.ts`: one process per service, no watcher wrapper in between. */
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  healthUrl: string;
  url: string;
}

export interface GraphLayout {
  host: string;
  ports: Record<SubgraphName | 'gateway', number>;
  dataDir: string;
  /** Extra environment for every service (database URLs, log level, NODE_ENV, …). */
  env?: NodeJS.ProcessEnv;
}

function spec(
  name: ServiceSpec['name'],
  cwd: string,
  port: number,
  layout: GraphLayout,
  env: NodeJS.ProcessEnv,
) {
  const base = `http://${layout.host}:${port}`;
  return {
    name,
    cwd: `${ROOT}${cwd}`,
    command: process.execPath,
    args: ['--import', 'tsx', 'src/index.ts'],
    env: { ...process.env, ...layout.env, ...env, HOST: layout.host, PORT: String(port) },
    healthUrl: `${base}/health`,
    url: `${base}/graphql`,
  } satisfies ServiceSpec;
}

/** `<NAME>_URL` of every subgraph: the gateway routes to them, the subgraphs' relays find each other's inboxes. */
function subgraphUrls(layout: GraphLayout): Record<string, string> {
  return Object.fromEntries(
    SUBGRAPHS.map((name) => [
      `${name.toUpperCase()}_URL`,
      `http://${layout.host}:${layout.ports[name]}/graphql`,
    ]),
  );
}

export function subgraphSpecs(layout: GraphLayout): ServiceSpec[] {
  const urls = subgraphUrls(layout);
  return SUBGRAPHS.map((name) =>
    spec(name, `subgraphs/${name}`, layout.ports[name], layout, { ...urls, DATA_DIR: layout.dataDir }),
  );
}

export function gatewaySpec(layout: GraphLayout): ServiceSpec {
  // The gateway finds the development keys the subgraphs trust under the same data folder.
  return spec('gateway', 'gateway', layout.ports.gateway, layout, {
    ...subgraphUrls(layout),
    DATA_DIR: layout.dataDir,
  });
}
