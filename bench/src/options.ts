import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError } from '@freightgraph/platform';
import { z } from 'zod';
import { MAX_DIRECT_RUN_SECONDS } from './auth';
import { WORKLOAD_NAMES } from './workloads';

const CONTENDER_NAMES = [
  'ours',
  'ours-aa',
  'ours-traced',
  'ours-traced-1pct',
  'ours-no-dedupe',
  'ours-no-token-cache',
  'ours-bare',
  'ours-cache',
  'apollo-stock',
  'hive',
  'hive-router',
  'subgraph',
] as const;
/** Our gateway with tracing on: run only when asked (`--contenders ours,ours-aa,ours-traced,...`). */
const OPT_IN: readonly ContenderName[] = [
  'ours-traced',
  'ours-traced-1pct',
  'ours-no-dedupe',
  'ours-no-token-cache',
  'ours-bare',
  'ours-cache',
];
export type ContenderName = (typeof CONTENDER_NAMES)[number];

const list = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .transform((s) => s.split(',').map((v) => v.trim()))
    .pipe(z.array(z.enum(values)).min(1));

const schema = z.object({
  /**
   * Measured seconds per contender per round (warm-up excluded). At most MAX_DIRECT_RUN_SECONDS: the
   * internal token the bench sends a subgraph directly must stay within the subgraphs' maximum age.
   */
  duration: z.coerce.number().int().min(1).max(MAX_DIRECT_RUN_SECONDS).default(3),
  /** Seconds of discarded load before each measurement: JIT, plan caches, keep-alive pools. */
  warmup: z.coerce.number().int().min(0).max(60).default(1),
  /** Interleaved rounds (A B C C B A …); medians are reported. */
  rounds: z.coerce.number().int().min(1).max(20).default(4),
  /** Fixed concurrent connections of the load generator. */
  connections: z.coerce.number().int().min(1).max(256).default(10),
  workload: list(WORKLOAD_NAMES).default([...WORKLOAD_NAMES]),
  contenders: list(CONTENDER_NAMES).default(CONTENDER_NAMES.filter((name) => !OPT_IN.includes(name))),
  json: z.boolean().default(false),
  /** Subgraph ceilings: each subgraph loaded alone with the requests a workload sends it. */
  ceilings: z.boolean().default(true),
  /** Where the Markdown-ready results and the SVG chart go (docs/ by default). */
  out: z.string().optional(),
  /** Embedded PGlite stores instead of the machine's PostgreSQL (slower: the store may be the limit). */
  pglite: z.boolean().default(false),
  /** PostgreSQL server for the bench databases `bench_<subgraph>` (created afresh each run). */
  postgresUrl: z.url().default('postgres://postgres@127.0.0.1:5432/postgres'),
  /**
   * Write V8 CPU profiles of our gateway and of each subgraph into this folder (`--cpu-prof`);
   * `npm run profile:summary -w bench -- DIR` prints their top frames.
   */
  profile: z.string().optional(),
  /**
   * Run our gateway from its TypeScript sources under tsx (`--source`) instead of the compiled build the
   * containers run (`npm run build`, done by the bench): tsx's loader thread adds ~35 MB of RSS.
   */
  source: z.boolean().default(false),
});

export type BenchOptions = z.infer<typeof schema>;

/** `npm run bench -- --duration 10 --json --workload dashboard`; every problem reported at once. */
export function parseOptions(argv: string[], invokedFrom = process.cwd()): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      duration: { type: 'string' },
      warmup: { type: 'string' },
      rounds: { type: 'string' },
      connections: { type: 'string' },
      workload: { type: 'string' },
      contenders: { type: 'string' },
      json: { type: 'boolean' },
      'no-ceilings': { type: 'boolean' },
      out: { type: 'string' },
      pglite: { type: 'boolean' },
      'postgres-url': { type: 'string' },
      profile: { type: 'string' },
      source: { type: 'boolean' },
    },
  });
  const result = schema.safeParse({
    ...values,
    ceilings: !values['no-ceilings'],
    postgresUrl: values['postgres-url'],
  });
  // npm runs the script inside bench/; a relative --out means relative to where the user typed it.
  if (result.success)
    return { ...result.data, out: result.data.out && resolve(invokedFrom, result.data.out) };
  const problems = result.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`);
  throw new ConfigError(`invalid bench options: ${problems.join('; ')}`);
}
