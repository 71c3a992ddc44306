import { env, parseConfig } from '@freightgraph/platform';
import { z } from 'zod';

const schema = z.object({
  PORT: env.port(4003),
  HOST: env.host(),
  NODE_ENV: env.nodeEnv(),
  LOG_LEVEL: env.logLevel(),
  SHIPMENTS_DATABASE_URL: env.optionalUrl(),
  DATA_DIR: z.string().min(1).default('./.data'),
  SEED_DEMO_DATA: env.bool(true),
  /** Publish tracking events through Redis, so every instance's subscribers get them (default in-process). */
  REDIS_URL: env.optionalUrl(),
});

export type Config = z.infer<typeof schema>;

export const loadConfig = (source?: NodeJS.ProcessEnv): Config => parseConfig('shipments', schema, source);
