import {
  cursorCodec,
  type Db,
  type PubSub,
  resumableStream,
  resumePoint,
  type Viewer,
} from '@freightgraph/platform';
import { and, asc, eq, getTableColumns, gt, max } from 'drizzle-orm';
import { orderUpdatesTopic } from '../consumers/live';
import { type FulfillmentStepRow, fulfillmentSteps, orders, type Schema } from '../db/schema';
import { visibleOrders } from './access';

/**
 * An `orderUpdates` cursor: the step's place in the commit order of all fulfilment steps
 * (`fulfillment_steps.seq`), opaque to clients; an order's steps are a subsequence of it.
 */
export const orderUpdateCursor = cursorCodec('order-update');

export interface OrderUpdatesOptions {
  db: Db<Schema>;
  pubsub: PubSub;
  orderId: string;
  viewer: Viewer;
  /** The client's cursor: replay from just after it; absent: only steps committed from now on. */
  after: string | null | undefined;
  /** How far back a cursor may reach (by its next step's time), in ms. */
  retentionMs: number;
  now?: () => number;
}

/**
 * The order's committed fulfilment steps after the cursor, then every new one, each exactly once and in
 * commit order (see resumableStream). The viewer's row rule applies to every read, replay included.
 * Throws BAD_USER_INPUT (malformed cursor) or CURSOR_EXPIRED before the stream starts.
 */
export async function orderUpdates(
  options: OrderUpdatesOptions,
): Promise<AsyncIterableIterator<FulfillmentStepRow>> {
  const { db, orderId } = options;
  const ofOrder = eq(fulfillmentSteps.orderId, orderId);
  const start = await resumePoint({
    after: options.after,
    codec: orderUpdateCursor,
    retentionMs: options.retentionMs,
    now: options.now,
    head: async () => {
      const [head] = await db.select({ seq: max(fulfillmentSteps.seq) }).from(fulfillmentSteps);
      return head?.seq ?? 0;
    },
    issued: async (seq) =>
      (
        await db
          .select({ seq: fulfillmentSteps.seq })
          .from(fulfillmentSteps)
          .where(eq(fulfillmentSteps.seq, seq))
      ).length > 0,
    nextAt: async (seq) => {
      const [next] = await db
        .select({ at: fulfillmentSteps.at })
        .from(fulfillmentSteps)
        .where(and(ofOrder, gt(fulfillmentSteps.seq, seq)))
        .orderBy(asc(fulfillmentSteps.seq))
        .limit(1);
      return next?.at;
    },
  });
  return resumableStream({
    pubsub: options.pubsub,
    topics: [orderUpdatesTopic(orderId)],
    start,
    rowsAfter: (seq, limit) =>
      db
        .select(getTableColumns(fulfillmentSteps))
        .from(fulfillmentSteps)
        .innerJoin(orders, eq(orders.id, fulfillmentSteps.orderId))
        .where(and(ofOrder, gt(fulfillmentSteps.seq, seq), visibleOrders(options.viewer)))
        .orderBy(asc(fulfillmentSteps.seq))
        .limit(limit),
    seqOf: (row) => row.seq,
  });
}
