/**
 * The contenders, each started in its own process on a free port, serving the same supergraph file.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROOT } from '../../scripts/services';
import type { BenchGraph } from './graph';
import type { ContenderName } from './options';
import { otlpSink } from './otlp-sink';
import { freePort, graphqlOk, refusesAnonymous, type ServiceProcess, spawnService } from './processes';

export type GatewayName = Exclude<ContenderName, 'subgraph'>;

export const CONTENDER_TITLES: Record<ContenderName, string> = {
  ours: 'Freightgraph gateway',
  'ours-aa': 'Freightgraph gateway (A/A control: a second, identical process)',
  'ours-traced': 'Freightgraph gateway, tracing on, 100% sampled (OTLP http/protobuf to a local sink)',
  'ours-traced-1pct': 'Freightgraph gateway, tracing on, 1% sampled (parentbased_traceidratio 0.01)',
  'ours-no-dedupe': 'Freightgraph gateway, SUBGRAPH_DEDUPE=false',
  'ours-no-token-cache': 'Freightgraph gateway, TOKEN_CACHE=false (every token verified on every request)',
  'ours-bare': 'Freightgraph gateway, SUBGRAPH_DEDUPE=false and TOKEN_CACHE=false',
  'ours-cache': 'Freightgraph gateway, ENTITY_CACHE=on (in-process entity cache)',
  'apollo-stock': 'stock @apollo/gateway + @apollo/server, default settings + the internal token',
  hive: 'Hive Gateway (@graphql-hive/gateway CLI, defaults + JWT and the internal token)',
  'hive-router':
    'Hive Gateway with the Rust query planner (@graphql-hive/router-runtime), same JWT and internal token',
  subgraph: 'the subgraph alone, no gateway',
};

export interface RunningContender {
  name: GatewayName;
  url: string;
  process: ServiceProcess;
}

const TSX = ['--import', 'tsx'];
/** How the containers run our gateway: plain node on the compiled build, no tsx loader thread. */
const COMPILED = ['--conditions=compiled', 'dist/index.js'];
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

/**
 * Our gateway's limits for the bench. Everything the bench sends is one user (one rate-limit subject)
 * at hundreds of requests per second, so the token bucket is raised to its maximum; it still runs on
 * every request. The entity-heavy query costs 17,601 by the gateway's rule (100 orders × 5 assumed
 * shipments × 5 assumed events), above the default MAX_COST of 10,000. Only our gateway has these
 * limits; the others have none to configure.
 */
export const OUR_LIMITS = {
  RATE_LIMIT_BURST: '1000000',
  RATE_LIMIT_PER_SECOND: '1000000',
  MAX_COST: '20000',
} as const;

/** What sets a variant of our gateway apart: each switch of a gain, on its own. */
const VARIANTS: Partial<Record<GatewayName, NodeJS.ProcessEnv>> = {
  'ours-no-dedupe': { SUBGRAPH_DEDUPE: 'false' },
  'ours-no-token-cache': { TOKEN_CACHE: 'false' },
  'ours-bare': { SUBGRAPH_DEDUPE: 'false', TOKEN_CACHE: 'false' },
  'ours-cache': { ENTITY_CACHE: 'on' },
};

/** The tracing variables of a traced contender (none for the others: tracing stays off). */
async function tracingEnv(name: GatewayName): Promise<NodeJS.ProcessEnv> {
  if (name !== 'ours-traced' && name !== 'ours-traced-1pct') return {};
  return {
    OTEL_EXPORTER_OTLP_ENDPOINT: await otlpSink(),
    OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
    OTEL_TRACES_SAMPLER: name === 'ours-traced' ? 'parentbased_always_on' : 'parentbased_traceidratio',
    OTEL_TRACES_SAMPLER_ARG: name === 'ours-traced' ? '1' : '0.01',
  };
}

function launchOf(
  name: GatewayName,
  graph: BenchGraph,
  port: number,
  profileDir: string | undefined,
  tracing: NodeJS.ProcessEnv,
  source: boolean,
): Launch {
  // Same environment for every gateway: production mode, quiet logs, no telemetry to reach the internet,
  // and the same identity provider and internal signing key.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    APOLLO_TELEMETRY_DISABLED: 'true',
    ...graph.auth.gatewayEnv,
  };
  // In-memory rate limiting: a Redis in the shell's environment (CI sets one) is not part of the bench.
  delete env.REDIS_URL;
  switch (name) {
    case 'ours':
    case 'ours-aa':
    case 'ours-traced':
    case 'ours-traced-1pct':
    case 'ours-no-dedupe':
    case 'ours-no-token-cache':
    case 'ours-bare':
    case 'ours-cache': {
      // Every variant of ours is profiled, one file each, so two variants' profiles can be compared.
      const profile = profileDir
        ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, `--cpu-prof-name=gateway-${name}.cpuprofile`]
        : [];
      return {
        args: [...profile, ...(source ? [...TSX, 'src/index.ts'] : COMPILED)],
        cwd: join(ROOT, 'gateway'),
        env: {
          ...env,
          PORT: String(port),
          HOST: '127.0.0.1',
          LOG_LEVEL: 'warn',
          SUPERGRAPH_PATH: graph.supergraphPath,
          SUPERGRAPH_WATCH: 'false',
          PLAYGROUND: 'false',
          ...OUR_LIMITS,
          ...tracing,
          ...VARIANTS[name],
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
    case 'hive-router':
      return {
        args: [
          hiveBin,
          'supergraph',
          graph.supergraphPath,
          '--config-path',
          join(here, name === 'hive' ? 'contenders/hive.config.ts' : 'contenders/hive-router.config.ts'),
          '--host',
          '127.0.0.1',
          '--port',
          String(port),
        ],
        cwd: graph.workDir,
        env,
      };
  }
}

export async function startContender(
  name: GatewayName,
  graph: BenchGraph,
  profileDir?: string,
  source = false,
): Promise<RunningContender> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/graphql`;
  const launch = launchOf(name, graph, port, profileDir, await tracingEnv(name), source);
  const process = await spawnService({
    name,
    command: globalThis.process.execPath,
    ...launch,
    ready: graphqlOk(url, { authorization: graph.auth.userAuthorization }),
  });
  if (!(await refusesAnonymous(url))) {
    await process.stop();
    throw new Error(`${name} answered a request without a token: it must refuse it with 401`);
  }
  return { name, url, process };
}
