import type { Db, Logger, RequestInfo } from '@freightgraph/platform';
import type { Schema } from './db/schema';
import type { Loaders } from './loaders';

export interface Context extends RequestInfo {
  db: Db<Schema>;
  loaders: Loaders;
  logger: Logger;
}
