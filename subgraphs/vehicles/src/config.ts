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
    ...internalAuthEnv,
    ...serviceEnv,
    ...eventsEnv,
  })
  .superRefine(requireInternalJwksInProduction)
  .superRefine(requireEventsKeyInProduction);

export type Config = z.infer<typeof schema>;

export const loadConfig = (source?: NodeJS.ProcessEnv): Config => parseConfig('vehicles', schema, source);
