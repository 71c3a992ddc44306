import {
  env,
  internalAuthEnv,
  parseConfig,
  requireInternalJwksInProduction,
  serviceEnv,
} from '@freightgraph/platform';
import { z } from 'zod';

const schema = z
  .object({
    PORT: env.port(4001),
    HOST: env.host(),
    NODE_ENV: env.nodeEnv(),
    LOG_LEVEL: env.logLevel(),
    CUSTOMERS_DATABASE_URL: env.optionalUrl(),
    DATA_DIR: env.dataDir(),
    SEED_DEMO_DATA: env.bool(true),
    ...internalAuthEnv,
    ...serviceEnv,
  })
  .superRefine(requireInternalJwksInProduction);

export type Config = z.infer<typeof schema>;

export const loadConfig = (source?: NodeJS.ProcessEnv): Config => parseConfig('customers', schema, source);
