import type { Db, EventWriter, Logger, PubSub, RequestInfo } from '@freightgraph/platform';
import type { Schema } from './db/schema';
import type { Loaders } from './loaders';

export interface Context extends RequestInfo {
  db: Db<Schema>;
  loaders: Loaders;
  logger: Logger;
  /** Where reported positions go, and subscriptions read them from. */
  pubsub: PubSub;
  /** Appends domain events to the outbox inside a transaction. */
  events: EventWriter;
  /** How far back a `vehiclePositionUpdates` cursor may reach. */
  replay: ReplayOptions;
}

export interface ReplayOptions {
  /** The position history's retention (ms): a cursor beyond it is CURSOR_EXPIRED. */
  retentionMs: number;
}
