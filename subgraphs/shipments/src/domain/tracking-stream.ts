import { type Db, type PubSub, resumableStream, resumePoint, type Viewer } from '@freightgraph/platform';
import { and, asc, eq, gt, max, type SQL } from 'drizzle-orm';
import { type Schema, shipments, type TrackingEventRow, trackingEvents } from '../db/schema';
import { trackingCursor } from './tracking-cursor';
import type { TrackingReads } from './tracking-reads';

export interface TrackingStreamOptions {
  db: Db<Schema>;
  pubsub: PubSub;
  /**
   * The topic whose messages say "this stream has new events" (their content is not trusted); it names
   * the scope too, so streams of one topic share their reads (tracking-reads.ts).
   */
  topic: string;
  /** Which events belong to the stream: a condition on `tracking_events` and `shipments`. */
  scope: SQL;
  /** The process's coalesced reads of stream rows. */
  reads: TrackingReads;
  viewer: Viewer;
  /** The client's cursor: replay from just after it; absent: only events committed from now on. */
  after: string | null | undefined;
  /** How far back a cursor may reach (by its event's time), in ms. */
  retentionMs: number;
  now?: () => number;
}

/** Where replay starts (see resumePoint): a stream's cursor expires by its next event's time. */
function startingPoint(options: TrackingStreamOptions): Promise<number> {
  const { db } = options;
  return resumePoint({
    after: options.after,
    codec: trackingCursor,
    retentionMs: options.retentionMs,
    now: options.now,
    head: async () => {
      const [head] = await db.select({ seq: max(trackingEvents.seq) }).from(trackingEvents);
      return head?.seq ?? 0;
    },
    issued: async (seq) =>
      (await db.select({ seq: trackingEvents.seq }).from(trackingEvents).where(eq(trackingEvents.seq, seq)))
        .length > 0,
    nextAt: async (seq) => {
      const [next] = await db
        .select({ occurredAt: trackingEvents.occurredAt })
        .from(trackingEvents)
        .innerJoin(shipments, eq(shipments.id, trackingEvents.shipmentId))
        .where(and(gt(trackingEvents.seq, seq), options.scope))
        .orderBy(asc(trackingEvents.seq))
        .limit(1);
      return next?.occurredAt;
    },
  });
}

/**
 * A resumable tracking stream: the committed events after the cursor, then every new one, each exactly
 * once and in commit order (see resumableStream; `seq` becomes visible in commit order, see
 * trackingStreamHead). Row rules apply on every read, replay included.
 * Throws BAD_USER_INPUT (malformed cursor) or CURSOR_EXPIRED before the stream starts.
 */
export async function trackingStream(
  options: TrackingStreamOptions,
): Promise<AsyncIterableIterator<TrackingEventRow>> {
  return resumableStream({
    pubsub: options.pubsub,
    topics: [options.topic],
    start: await startingPoint(options),
    rowsAfter: (seq, limit) =>
      options.reads.rowsAfter({
        key: options.topic,
        scope: options.scope,
        viewer: options.viewer,
        seq,
        limit,
      }),
    seqOf: (row) => row.seq,
  });
}
