import type { Db, Viewer } from '@freightgraph/platform';
import { and, asc, eq, gt, type SQL } from 'drizzle-orm';
import { type Schema, shipments, type TrackingEventRow, trackingEvents } from '../db/schema';
import { shipmentScope, visibleShipments } from './access';

/** One stream's read: its rows after `seq` that `viewer` may see, at most `limit`, in commit order. */
export interface StreamRead {
  /** Names the stream's scope (its pub/sub topic): reads of the same key share a query. */
  key: string;
  /** The same scope as a condition on `tracking_events` and `shipments`. */
  scope: SQL;
  viewer: Viewer;
  seq: number;
  limit: number;
}

type ScopedRow = TrackingEventRow & { customerId: string | null; vehicleId: string | null };
interface Pending {
  read: StreamRead;
  resolve(rows: TrackingEventRow[]): void;
  reject(error: unknown): void;
}

// What a stream delivers (TrackingEventRow); the shared read adds the shipment's owners for the row rule.
const columns = {
  id: trackingEvents.id,
  shipmentId: trackingEvents.shipmentId,
  status: trackingEvents.status,
  lat: trackingEvents.lat,
  lng: trackingEvents.lng,
  note: trackingEvents.note,
  occurredAt: trackingEvents.occurredAt,
  seq: trackingEvents.seq,
};

/** The viewer's row rule (access.ts) on a row's shipment, in memory: the same rule as the SQL one. */
function maySee(viewer: Viewer, row: ScopedRow): boolean {
  const scope = shipmentScope(viewer);
  if (scope.kind === 'all') return true;
  if (scope.kind === 'none') return false;
  const owner = scope.kind === 'customer' ? row.customerId : row.vehicleId;
  return owner !== null && owner.toLowerCase() === scope.value.toLowerCase();
}

const strip = ({ customerId: _c, vehicleId: _v, ...row }: ScopedRow): TrackingEventRow => row;

/**
 * Tracking streams' reads, coalesced. A commit wakes every stream of its shipment at once, and each asks
 * for "my rows after my last one": with 10,000 distinct viewers, 18 per shipment on average, that was 18
 * store queries per event. Reads of the same scope made in the same turn of the event loop now share one
 * query (the rows after the lowest of their cursors, without row rules, with each row's customer and
 * vehicle), and each viewer's row rule is applied to it in memory. Where that query was cut off by its
 * limit before a read had all it asked for, that read runs on its own, as before.
 */
export function createTrackingReads(db: Db<Schema>) {
  const batches = new Map<string, Pending[]>();

  /** The rows of `scope` after `seq`, under `rule` (a viewer's, or none), with their shipments' owners. */
  const select = (scope: SQL, seq: number, limit: number, rule?: SQL): Promise<ScopedRow[]> =>
    db
      .select({ ...columns, customerId: shipments.customerId, vehicleId: shipments.vehicleId })
      .from(trackingEvents)
      .innerJoin(shipments, eq(shipments.id, trackingEvents.shipmentId))
      .where(and(gt(trackingEvents.seq, seq), scope, rule))
      .orderBy(asc(trackingEvents.seq))
      .limit(limit);
  const alone = async (read: StreamRead): Promise<TrackingEventRow[]> =>
    (await select(read.scope, read.seq, read.limit, visibleShipments(read.viewer))).map(strip);

  const run = async (pending: Pending[]) => {
    if (pending.length === 1) {
      const [only] = pending as [Pending];
      return alone(only.read).then(only.resolve, only.reject);
    }
    const from = Math.min(...pending.map((p) => p.read.seq));
    const limit = Math.max(...pending.map((p) => p.read.limit));
    let rows: ScopedRow[];
    try {
      rows = await select(pending[0]!.read.scope, from, limit);
    } catch (error) {
      for (const p of pending) p.reject(error);
      return;
    }
    const complete = rows.length < limit;
    for (const { read, resolve, reject } of pending) {
      const mine = rows.filter((row) => row.seq > read.seq && maySee(read.viewer, row)).slice(0, read.limit);
      if (complete || mine.length === read.limit) resolve(mine.map(strip));
      else alone(read).then(resolve, reject);
    }
  };

  return {
    rowsAfter(read: StreamRead): Promise<TrackingEventRow[]> {
      return new Promise((resolve, reject) => {
        let batch = batches.get(read.key);
        if (!batch) {
          batch = [];
          batches.set(read.key, batch);
          setImmediate(() => {
            batches.delete(read.key);
            void run(batch!);
          });
        }
        batch.push({ read, resolve, reject });
      });
    },
  };
}

export type TrackingReads = ReturnType<typeof createTrackingReads>;
