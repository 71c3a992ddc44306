import type { Db, EventWriter, Logger, PubSub, RequestInfo } from '@freightgraph/platform';
import type { Schema } from './db/schema';
import type { Loaders } from './loaders';

export interface Context extends RequestInfo {
  db: Db<Schema>;
  loaders: Loaders;
  logger: Logger;
  /** Wakes `orderUpdates` streams when steps commit (they read the steps from the store). */
  pubsub: PubSub;
  /** Appends domain events to the outbox inside a transaction. */
  events: EventWriter;
  /** How far back an `orderUpdates` cursor may reach. */
  replay: ReplayOptions;
}

export interface ReplayOptions {
  /** A cursor whose next step is older than this (ms) is CURSOR_EXPIRED. */
  retentionMs: number;
}
