/**
 * The bench's own copy of the graph: the four subgraphs on fresh databases and free ports, and a
 * supergraph file pointing at them that every contender serves unchanged.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CleanupStack } from '@freightgraph/platform/testing';
import pg from 'pg';
import { acknowledgeSubgraphEnforcedFeatures } from '../../gateway/src/security/supergraph-features';
import { type GraphLayout, ROOT, SUBGRAPHS, type SubgraphName, subgraphSpecs } from '../../scripts/services';
import { type BenchAuth, setUpBenchAuth } from './auth';
import { freePort, getOk, type ServiceProcess, spawnService } from './processes';

export interface BenchGraph {
  /** Folder for the supergraph file, embedded stores and profiles of this run. */
  workDir: string;
  supergraphPath: string;
  subgraphs: Record<SubgraphName, { url: string; process: ServiceProcess }>;
  store: 'postgres' | 'pglite';
  /** The keys (one DATA_DIR), the user's token and every service's identity settings. */
  auth: BenchAuth;
  cleanup: CleanupStack;
}

export interface GraphOptions {
  /** Admin URL of the PostgreSQL server, or undefined for embedded PGlite stores. */
  postgresUrl: string | undefined;
  log: (line: string) => void;
  /** Write a V8 CPU profile of each subgraph into this folder (`<name>.cpuprofile`, at exit). */
  profileDir?: string | undefined;
}

/** Drops and recreates `bench_<subgraph>`, so every run starts from the same seeded data. */
async function freshDatabases(adminUrl: string): Promise<Record<SubgraphName, string>> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const urls = {} as Record<SubgraphName, string>;
    for (const name of SUBGRAPHS) {
      const db = `bench_${name}`;
      await client.query(`drop database if exists ${db} with (force)`);
      await client.query(`create database ${db}`);
      // Commits without waiting for the WAL flush: the mutation workload measures the services, not
      // this machine's disk. Durability is not what the bench is about.
      await client.query(`alter database ${db} set synchronous_commit = off`);
      const url = new URL(adminUrl);
      url.pathname = `/${db}`;
      urls[name] = url.toString();
    }
    return urls;
  } finally {
    await client.end();
  }
}

/**
 * The committed supergraph with each subgraph's URL replaced by the bench's, and the SECURITY purpose
 * of `@authenticated`/`@requiresScopes` dropped exactly as our gateway drops it
 * (`acknowledgeSubgraphEnforcedFeatures`): the subgraphs enforce both, and gateway-js (stock Apollo, the
 * reference) refuses a supergraph that asks a gateway to enforce them. So every contender serves the
 * same file.
 */
export function pointSupergraphAt(sdl: string, urls: Readonly<Record<string, string>>): string {
  return acknowledgeSubgraphEnforcedFeatures(sdl).replace(
    /@join__graph\(name: "([^"]+)", url: "[^"]*"\)/g,
    (whole, name: string) => (urls[name] ? `@join__graph(name: "${name}", url: "${urls[name]}")` : whole),
  );
}

export async function startBenchGraph(options: GraphOptions): Promise<BenchGraph> {
  const cleanup = new CleanupStack();
  const workDir = await mkdtemp(join(tmpdir(), 'freightgraph-bench-'));
  cleanup.defer(() => rm(workDir, { recursive: true, force: true }));
  try {
    const databaseUrls = options.postgresUrl ? await freshDatabases(options.postgresUrl) : undefined;
    const dataDir = join(workDir, 'data');
    const auth = await setUpBenchAuth(dataDir, cleanup);
    const env: NodeJS.ProcessEnv = {
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      SEED_DEMO_DATA: 'true',
      ...auth.subgraphEnv,
    };
    for (const name of SUBGRAPHS) {
      if (databaseUrls) env[`${name.toUpperCase()}_DATABASE_URL`] = databaseUrls[name];
    }
    const ports = { gateway: 0 } as GraphLayout['ports'];
    for (const name of SUBGRAPHS) ports[name] = await freePort();
    const layout: GraphLayout = { host: '127.0.0.1', ports, dataDir, env };
    options.log(`starting subgraphs on ${databaseUrls ? 'PostgreSQL' : 'embedded PGlite'} (seeding)`);
    const started = await Promise.all(
      subgraphSpecs(layout).map(async (spec) => {
        // Node refuses --cpu-prof in NODE_OPTIONS: the flags go before the entry point.
        const profile = options.profileDir
          ? ['--cpu-prof', `--cpu-prof-dir=${options.profileDir}`, `--cpu-prof-name=${spec.name}.cpuprofile`]
          : [];
        const args = [...profile, ...spec.args];
        const process = await spawnService({ ...spec, args, ready: getOk(spec.healthUrl) });
        cleanup.defer(() => process.stop());
        return [spec.name as SubgraphName, { url: spec.url, process }] as const;
      }),
    );
    const subgraphs = Object.fromEntries(started) as BenchGraph['subgraphs'];
    const committed = await readFile(join(ROOT, 'schema/supergraph.graphql'), 'utf8');
    const supergraphPath = join(workDir, 'supergraph.graphql');
    const urls = Object.fromEntries(SUBGRAPHS.map((name) => [name, subgraphs[name].url]));
    await writeFile(supergraphPath, pointSupergraphAt(committed, urls));
    return {
      workDir,
      supergraphPath,
      subgraphs,
      store: databaseUrls ? 'postgres' : 'pglite',
      auth,
      cleanup,
    };
  } catch (error) {
    await cleanup.run();
    throw error;
  }
}
