import {
  cursorCodec,
  type Db,
  type Logger,
  outsideRequestScope,
  type PubSub,
  resumableStream,
  resumePoint,
  type Viewer,
} from '@freightgraph/platform';
import { and, asc, eq, getTableColumns, gt, inArray, lt, max, type SQL, sql } from 'drizzle-orm';
import { visibleVehicles } from '../access';
import {
  type Schema,
  type VehiclePositionRow,
  vehiclePositionHead,
  vehiclePositions,
  vehicles,
} from '../db/schema';
import { positionTopics } from '../events';

/**
 * A `vehiclePositionUpdates` cursor: the report's place in the commit order of all position reports
 * (`vehicle_positions.seq`), opaque to clients; any vehicle set's reports are a subsequence of it.
 */
export const positionCursor = cursorCodec('vehicle-position');

export interface PositionStreamOptions {
  db: Db<Schema>;
  pubsub: PubSub;
  /** The vehicles followed (null: all of them), already allowed for the viewer. */
  vehicleIds: string[] | null;
  viewer: Viewer;
  /** The client's cursor: replay from just after it; absent: only reports committed from now on. */
  after: string | null | undefined;
  /** How far back a cursor may reach (by its next report's time), in ms: the history's retention. */
  retentionMs: number;
  now?: () => number;
}

/**
 * The reports of the vehicle set after the cursor, then every new one, each exactly once and in commit
 * order (see resumableStream). The viewer's row rule applies to every read, replay included. A cursor
 * at or below the pruned part of the history, or not issued by this store, is CURSOR_EXPIRED; a
 * malformed one BAD_USER_INPUT.
 */
export async function positionStream(
  options: PositionStreamOptions,
): Promise<AsyncIterableIterator<VehiclePositionRow>> {
  const { db, vehicleIds } = options;
  const ofSet: SQL | undefined = vehicleIds ? inArray(vehiclePositions.vehicleId, vehicleIds) : undefined;
  const start = await resumePoint({
    after: options.after,
    codec: positionCursor,
    retentionMs: options.retentionMs,
    now: options.now,
    head: async () => {
      const [head] = await db.select({ seq: max(vehiclePositions.seq) }).from(vehiclePositions);
      return head?.seq ?? 0;
    },
    // Numbered without gaps (a rolled-back insert rolls its number back too): any number in
    // (pruned, last] was issued and everything after it is still kept.
    issued: async (seq) => {
      const [head] = await db.select().from(vehiclePositionHead).where(eq(vehiclePositionHead.id, 1));
      return !!head && seq > head.prunedSeq && seq <= head.lastSeq;
    },
    nextAt: async (seq) => {
      const [next] = await db
        .select({ at: vehiclePositions.reportedAt })
        .from(vehiclePositions)
        .where(and(ofSet, gt(vehiclePositions.seq, seq)))
        .orderBy(asc(vehiclePositions.seq))
        .limit(1);
      return next?.at;
    },
  });
  return resumableStream({
    pubsub: options.pubsub,
    topics: vehicleIds ? vehicleIds.map(positionTopics.vehicle) : [positionTopics.all],
    start,
    rowsAfter: (seq, limit) =>
      db
        .select(getTableColumns(vehiclePositions))
        .from(vehiclePositions)
        .innerJoin(vehicles, eq(vehicles.id, vehiclePositions.vehicleId))
        .where(and(ofSet, gt(vehiclePositions.seq, seq), visibleVehicles(options.viewer)))
        .orderBy(asc(vehiclePositions.seq))
        .limit(limit),
    seqOf: (row) => row.seq,
  });
}

/**
 * Deletes the history older than the retention, as a prefix of the sequence (so "after a kept cursor"
 * is always complete), and records how far it went. Returns the number of rows deleted.
 */
export async function prunePositions(db: Db<Schema>, retentionMs: number, now = Date.now()): Promise<number> {
  return db.transaction(async (tx) => {
    const [edge] = await tx
      .select({ seq: max(vehiclePositions.seq) })
      .from(vehiclePositions)
      .where(lt(vehiclePositions.reportedAt, new Date(now - retentionMs)));
    const through = edge?.seq;
    if (through == null) return 0;
    const deleted = await tx
      .delete(vehiclePositions)
      .where(sql`${vehiclePositions.seq} <= ${through}`)
      .returning({ seq: vehiclePositions.seq });
    await tx
      .update(vehiclePositionHead)
      .set({ prunedSeq: sql`greatest(${vehiclePositionHead.prunedSeq}, ${through})` })
      .where(eq(vehiclePositionHead.id, 1));
    return deleted.length;
  });
}

export interface PositionPruner {
  stop(): Promise<void>;
}

/** Prunes the position history every `intervalMs`; a failed round is logged and retried next time. */
export function startPositionPruner(options: {
  db: Db<Schema>;
  logger: Logger;
  retentionMs: number;
  intervalMs: number;
}): PositionPruner {
  let running: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    running = running.then(async () => {
      try {
        // Background work: its SQL is no request's.
        const deleted = await outsideRequestScope(() => prunePositions(options.db, options.retentionMs));
        if (deleted) options.logger.debug({ deleted }, 'position history pruned');
      } catch (error) {
        options.logger.error({ err: error }, 'position history pruning failed');
      }
    });
  }, options.intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
