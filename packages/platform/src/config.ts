import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/**
 * `<repo>/.data`, whatever the cwd: a service started alone (`npm start -w gateway`) finds the same
 * stores and development keys as `npm start`.
 */
export const DEFAULT_DATA_DIR = fileURLToPath(new URL('../../../.data', import.meta.url));

/** Thrown when the environment does not describe a valid service; lists every problem at once. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Parses `env` once at start-up against a zod schema. Every service calls this from its entrypoint
 * and nowhere else, so nothing deeper reads `process.env`.
 */
export function parseConfig<T extends z.ZodType>(
  service: string,
  schema: T,
  env: NodeJS.ProcessEnv = process.env,
): z.infer<T> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.join('.') || '(env)'}: ${issue.message}`);
  throw new ConfigError(`invalid configuration for ${service}: ${problems.join('; ')}`);
}

/** Reusable env fields. */
export const env = {
  port: (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback),
  host: () => z.string().min(1).default('127.0.0.1'),
  logLevel: () => z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  nodeEnv: () => z.enum(['development', 'production', 'test']).default('development'),
  bool: (fallback: boolean) =>
    z
      .enum(['true', 'false', '1', '0', 'yes', 'no'])
      .default(fallback ? 'true' : 'false')
      .transform((v) => v === 'true' || v === '1' || v === 'yes'),
  url: () => z.url(),
  optionalUrl: () => z.url().optional(),
  dataDir: () => z.string().min(1).default(DEFAULT_DATA_DIR),
};

/** What the HTTP servers allow a client, in milliseconds: headers, then the whole request. */
export const httpTimeoutEnv = {
  /** All request headers must arrive within this; slow-header (slowloris) connections are cut. */
  HEADERS_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(10_000),
};

/**
 * How a service stops on SIGTERM: it first answers `/health/ready` with 503 for `SHUTDOWN_DELAY_MS`
 * (still serving, so load balancers can take it out of rotation), then stops accepting and lets
 * in-flight work finish; whatever is left at `SHUTDOWN_TIMEOUT_MS` after the signal is cut and the
 * process exits 1. Keep the timeout below the orchestrator's grace period (Kubernetes: 30 s).
 */
export const shutdownEnv = {
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(600_000).default(25_000),
  SHUTDOWN_DELAY_MS: z.coerce.number().int().min(0).max(60_000).default(0),
};

/**
 * Settings every subgraph process shares besides its own: the id the launcher gave this instance
 * (echoed by `/health` so the launcher knows it is talking to its own child), a request's time limits
 * and the explicit reset of a damaged embedded store.
 */
export const serviceEnv = {
  INSTANCE_ID: z.string().min(1).optional(),
  ...httpTimeoutEnv,
  /** Whole request (headers and body) must arrive within this. */
  REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(300_000).default(30_000),
  /** Move the embedded store aside and start afresh (`npm start -- --reset-store <name>` sets it once). */
  RESET_STORE: env.bool(false),
  ...shutdownEnv,
};
