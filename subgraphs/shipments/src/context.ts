import type { Db, EventWriter, Logger, PubSub, RequestInfo } from '@freightgraph/platform';
import type { Schema } from './db/schema';
import type { TrackingReads } from './domain/tracking-reads';
import type { Loaders } from './loaders';

export interface Context extends RequestInfo {
  db: Db<Schema>;
  loaders: Loaders;
  logger: Logger;
  /** Where committed tracking events go, and subscriptions read them from. */
  pubsub: PubSub;
  /** Appends domain events to the outbox inside a transaction. */
  events: EventWriter;
  /** How far back a subscription's `after` cursor may reach. */
  replay: ReplayOptions;
  /** Tracking streams' reads, shared by the streams of one shipment or order (one per process). */
  trackingReads: TrackingReads;
}

export interface ReplayOptions {
  /** A cursor whose event is older than this (ms) is CURSOR_EXPIRED. */
  retentionMs: number;
}
