import type { Db, EventWriter, Logger, PubSub, RequestInfo } from '@freightgraph/platform';
import type { Schema } from './db/schema';
import type { Loaders } from './loaders';

export interface Context extends RequestInfo {
  db: Db<Schema>;
  loaders: Loaders;
  logger: Logger;
  /** Where committed fulfilment steps go, and `orderUpdates` reads them from. */
  pubsub: PubSub;
  /** Appends domain events to the outbox inside a transaction. */
  events: EventWriter;
}
