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
    PORT: env.port(4003),
    HOST: env.host(),
    NODE_ENV: env.nodeEnv(),
    LOG_LEVEL: env.logLevel(),
    SHIPMENTS_DATABASE_URL: env.optionalUrl(),
    DATA_DIR: env.dataDir(),
    SEED_DEMO_DATA: env.bool(true),
    /** Publish tracking events through Redis, so every instance's subscribers get them (default in-process). */
    REDIS_URL: env.optionalUrl(),
    /** How far back (ms) a tracking subscription's `after` cursor may reach; older ones are CURSOR_EXPIRED. */
    TRACKING_REPLAY_RETENTION_MS: z.coerce
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

export const loadConfig = (source?: NodeJS.ProcessEnv): Config => parseConfig('shipments', schema, source);
