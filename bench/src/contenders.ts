/**
 * The contenders, each started in its own process on a free port, serving the same supergraph file.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROOT } from '../../scripts/services';
import type { BenchGraph } from './graph';
import type { ContenderName } from './options';
import { freePort, graphqlOk, type ServiceProcess, spawnService } from './processes';

export type GatewayName = Exclude<ContenderName, 'subgraph'>;

export const CONTENDER_TITLES: Record<ContenderName, string> = {
  ours: 'Freightgraph gateway',
  'ours-aa': 'Freightgraph gateway (A/A control: a second, identical process)',
  'apollo-stock': 'stock @apollo/gateway + @apollo/server, default settings',
  hive: 'Hive Gateway (@graphql-hive/gateway CLI, defaults)',
  subgraph: 'the subgraph alone, no gateway',
};

export interface RunningContender {
  name: GatewayName;
  url: string;
  process: ServiceProcess;
}

const TSX = ['--import', 'tsx'];
const here = dirname(fileURLToPath(import.meta.url));
const hiveBin = join(
  dirname(createRequire(import.meta.url).resolve('@graphql-hive/gateway/package.json')),
  'dist/bin.js',
);

interface Launch {
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
}

function launchOf(name: GatewayName, graph: BenchGraph, port: number, profileDir?: string): Launch {
  // Same environment for every gateway: production mode, quiet logs, no telemetry to reach the internet.
  const env = { ...process.env, NODE_ENV: 'production', APOLLO_TELEMETRY_DISABLED: 'true' };
  switch (name) {
    case 'ours':
    case 'ours-aa': {
      const profile = profileDir && name === 'ours' ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
      return {
        args: [...profile, ...TSX, 'src/index.ts'],
        cwd: join(ROOT, 'gateway'),
        env: {
          ...env,
          PORT: String(port),
          HOST: '127.0.0.1',
          LOG_LEVEL: 'warn',
          SUPERGRAPH_PATH: graph.supergraphPath,
          SUPERGRAPH_WATCH: 'false',
          PLAYGROUND: 'false',
        },
      };
    }
    case 'apollo-stock':
      return {
        args: [...TSX, join(here, 'contenders/apollo-stock.ts')],
        cwd: ROOT,
        env: { ...env, PORT: String(port), SUPERGRAPH_PATH: graph.supergraphPath },
      };
    case 'hive':
      return {
        args: [hiveBin, 'supergraph', graph.supergraphPath, '--host', '127.0.0.1', '--port', String(port)],
        cwd: graph.workDir,
        env,
      };
  }
}

export async function startContender(
  name: GatewayName,
  graph: BenchGraph,
  profileDir?: string,
): Promise<RunningContender> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/graphql`;
  const launch = launchOf(name, graph, port, profileDir);
  const process = await spawnService({
    name,
    command: globalThis.process.execPath,
    ...launch,
    ready: graphqlOk(url),
  });
  return { name, url, process };
}
