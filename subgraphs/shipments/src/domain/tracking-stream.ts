import type { Db, PubSub, Viewer } from '@freightgraph/platform';
import { Repeater } from '@repeaterjs/repeater';
import { and, asc, eq, gt, max, type SQL } from 'drizzle-orm';
import { type Schema, shipments, type TrackingEventRow, trackingEvents } from '../db/schema';
import { visibleShipments } from './access';
import { cursorExpired, decodeTrackingCursor } from './tracking-cursor';

/** Rows read per catch-up query; a longer replay takes several. */
const PAGE = 500;

export interface TrackingStreamOptions {
  db: Db<Schema>;
  pubsub: PubSub;
  /** The topic whose messages say "this stream has new events" (their content is not trusted). */
  topic: string;
  /** Which events belong to the stream: a condition on `tracking_events` and `shipments`. */
  scope: SQL;
  viewer: Viewer;
  /** The client's cursor: replay from just after it; absent: only events committed from now on. */
  after: string | null | undefined;
  /** How far back a cursor may reach (by its event's time), in ms. */
  retentionMs: number;
  now?: () => number;
}

/** The stream's events after `seq` the viewer may see now, in commit order. */
function eventsAfter(options: TrackingStreamOptions, seq: number): Promise<TrackingEventRow[]> {
  return options.db
    .select({
      id: trackingEvents.id,
      shipmentId: trackingEvents.shipmentId,
      status: trackingEvents.status,
      lat: trackingEvents.lat,
      lng: trackingEvents.lng,
      note: trackingEvents.note,
      occurredAt: trackingEvents.occurredAt,
      seq: trackingEvents.seq,
    })
    .from(trackingEvents)
    .innerJoin(shipments, eq(shipments.id, trackingEvents.shipmentId))
    .where(and(gt(trackingEvents.seq, seq), options.scope, visibleShipments(options.viewer)))
    .orderBy(asc(trackingEvents.seq))
    .limit(PAGE);
}

/**
 * Where replay starts: the cursor's position, checked against the history still replayable. A cursor
 * expires when replaying from it would deliver an event older than the retention (the stream's next
 * event after it); a quiet stream's last cursor stays good however old. A cursor this store never
 * issued (another store, a reset) has expired too.
 */
async function startingPoint(options: TrackingStreamOptions): Promise<number> {
  const { db } = options;
  if (options.after == null) {
    const [head] = await db.select({ seq: max(trackingEvents.seq) }).from(trackingEvents);
    return head?.seq ?? 0;
  }
  const seq = decodeTrackingCursor(options.after);
  const [issued] = await db
    .select({ seq: trackingEvents.seq })
    .from(trackingEvents)
    .where(eq(trackingEvents.seq, seq));
  if (!issued) throw cursorExpired('this cursor is not in the tracking history');
  const [next] = await db
    .select({ occurredAt: trackingEvents.occurredAt })
    .from(trackingEvents)
    .innerJoin(shipments, eq(shipments.id, trackingEvents.shipmentId))
    .where(and(gt(trackingEvents.seq, seq), options.scope))
    .orderBy(asc(trackingEvents.seq))
    .limit(1);
  const now = options.now?.() ?? Date.now();
  if (next && next.occurredAt.getTime() < now - options.retentionMs) {
    throw cursorExpired('replaying from this cursor reaches further back than the replayable history');
  }
  return seq;
}

/**
 * A resumable tracking stream: the committed events after the cursor, then every new one, each exactly
 * once and in commit order, with no gap at the hand-over from replay to live.
 *
 * The store is the only source of events; pub/sub messages are just wake-ups. The stream reads the
 * store once the topic is subscribed, and again on every message (several at once: once): "events after
 * the last one delivered". Because `seq` becomes
 * visible in commit order (see trackingStreamHead), that query can never skip an event that commits
 * later with a lower number, and since it starts from the last delivered one it never repeats one: a
 * message that is late, duplicated or out of order changes nothing. Row rules apply on every read.
 * Throws BAD_USER_INPUT (malformed cursor) or CURSOR_EXPIRED before the stream starts.
 */
export async function trackingStream(
  options: TrackingStreamOptions,
): Promise<AsyncIterableIterator<TrackingEventRow>> {
  // The starting point first, then the topic: an event committed in between is after the starting
  // point, and the first read (right after subscribing) finds it. The topic is subscribed when the
  // stream is first read, so a stream dropped unread holds nothing.
  let last = await startingPoint(options);
  return new Repeater<TrackingEventRow>(async (push, stop) => {
    const wakeUps = await options.pubsub.subscribe([options.topic]);
    let pending = true; // replay first
    let wake: (() => void) | undefined;
    let ended = false;
    void stop.then(() => {
      ended = true;
      wake?.();
      void wakeUps.return?.();
    });
    void (async () => {
      for await (const _ of wakeUps) {
        pending = true;
        wake?.();
      }
    })().then(
      () => stop(),
      (error: unknown) => stop(error),
    );
    while (!ended) {
      if (!pending) await new Promise<void>((resolve) => (wake = resolve));
      if (ended) break;
      pending = false;
      for (;;) {
        const rows = await eventsAfter(options, last);
        for (const row of rows) {
          await push(row);
          last = row.seq;
        }
        if (rows.length < PAGE || ended) break;
      }
    }
  });
}
