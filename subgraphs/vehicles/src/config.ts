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
    PORT: env.port(4004),
    HOST: env.host(),
    NODE_ENV: env.nodeEnv(),
    LOG_LEVEL: env.logLevel(),
    VEHICLES_DATABASE_URL: env.optionalUrl(),
    DATA_DIR: env.dataDir(),
    SEED_DEMO_DATA: env.bool(true),
    /** Publish positions through Redis, so every instance's subscribers get them (default in-process). */
    REDIS_URL: env.optionalUrl(),
    /** How long (ms) the position history is kept for `vehiclePositionUpdates` replay; older cursors are CURSOR_EXPIRED. */
    VEHICLE_POSITION_RETENTION_MS: z.coerce
      .number()
      .int()
      .positive()
      .default(24 * 60 * 60 * 1000),
    /** How often (ms) the history older than that is deleted. */
    VEHICLE_POSITION_PRUNE_INTERVAL_MS: z.coerce.number().int().min(50).max(3_600_000).default(60_000),
    ...internalAuthEnv,
    ...serviceEnv,
    ...eventsEnv,
  })
  .superRefine(requireInternalJwksInProduction)
  .superRefine(requireEventsKeyInProduction);

export type Config = z.infer<typeof schema>;

export const loadConfig = (source?: NodeJS.ProcessEnv): Config => parseConfig('vehicles', schema, source);
