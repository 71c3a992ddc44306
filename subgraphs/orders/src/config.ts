import {
  env,
  eventsEnv,
  internalAuthEnv,
  parseConfig,
  requireEventsKeyInProduction,
  requireInternalJwksInProduction,
  serviceEnv,
} from '@freightgraph/platform';
import { z } from 'zod';

const schema = z
  .object({
    PORT: env.port(4002),
    HOST: env.host(),
    NODE_ENV: env.nodeEnv(),
    LOG_LEVEL: env.logLevel(),
    ORDERS_DATABASE_URL: env.optionalUrl(),
    DATA_DIR: env.dataDir(),
    SEED_DEMO_DATA: env.bool(true),
    /** Wake `orderUpdates` streams through Redis, so every instance's subscribers hear of new steps (default in-process). */
    REDIS_URL: env.optionalUrl(),
    /** A PENDING order older than this is rejected (TIMEOUT) and compensated. */
    SAGA_TIMEOUT_MS: z.coerce.number().int().min(100).max(86_400_000).default(30_000),
    /** How often the timeout sweeper looks for such orders. */
    SAGA_SWEEP_INTERVAL_MS: z.coerce.number().int().min(50).max(3_600_000).default(5_000),
    /** How far back (ms) an `orderUpdates` `after` cursor may reach; older ones are CURSOR_EXPIRED. */
    ORDER_UPDATES_REPLAY_RETENTION_MS: z.coerce
      .number()
      .int()
      .positive()
      .default(24 * 60 * 60 * 1000),
    ...internalAuthEnv,
    ...serviceEnv,
    ...eventsEnv,
  })
  .superRefine(requireInternalJwksInProduction)
  .superRefine(requireEventsKeyInProduction);

export type Config = z.infer<typeof schema>;

export const loadConfig = (source?: NodeJS.ProcessEnv): Config => parseConfig('orders', schema, source);
