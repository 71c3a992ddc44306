import {
  assert,
  badUserInput,
  type Db,
  type EventWriter,
  notFound,
  parseId,
  type Viewer,
} from '@freightgraph/platform';
import { OrderCancelled } from '@freightgraph/platform/contracts';
import { and, eq, sql } from 'drizzle-orm';
import { type OrderRow, orders, type Schema } from '../db/schema';
import { checkActsFor, visibleOrders } from './access';
import { recordStep } from './fulfillment';

const CANCELLABLE = ['PENDING', 'CONFIRMED'] as const;

/**
 * Cancels a PENDING or CONFIRMED order; OrderCancelled in the same transaction makes the shipments
 * context cancel its shipments and, through them, the vehicles context release their capacity.
 */
export async function cancelOrder(
  db: Db<Schema>,
  rawId: string,
  viewer: Viewer,
  events: EventWriter,
): Promise<OrderRow> {
  const id = parseId(rawId, 'id');
  return db.transaction(async (tx) => {
    // The row lock makes the check and the change one step: of two racing cancels (or a cancel racing
    // the saga), the second reads the row after the first commits. The viewer's row rule is part of
    // the match, so nobody cancels what they may not see. NO KEY UPDATE, not UPDATE: a saga step's
    // insert holds the fulfilment stream's head row and then key-shares this row for its foreign key;
    // FOR UPDATE would block that while we wait for the head row, a deadlock on PostgreSQL.
    const [locked] = await tx
      .select({ status: orders.status })
      .from(orders)
      .where(and(eq(orders.id, id), visibleOrders(viewer)))
      .for('no key update');
    const previousStatus = locked && CANCELLABLE.find((status) => status === locked.status);
    if (previousStatus) {
      const [cancelled] = await tx
        .update(orders)
        .set({ status: 'CANCELLED', updatedAt: sql`now()` })
        .where(eq(orders.id, id))
        .returning();
      assert(cancelled, 'the locked order was cancelled');
      await recordStep(tx, id, 'CANCEL', 'DONE');
      await events.append(tx, OrderCancelled, {
        aggregateId: id,
        payload: { orderId: id, customerId: cancelled.customerId, previousStatus },
      });
      return cancelled;
    }
    const [current] = await tx
      .select({ status: orders.status, customerId: orders.customerId })
      .from(orders)
      .where(eq(orders.id, id));
    if (!current) throw notFound('Order', id);
    checkActsFor(viewer, current.customerId);
    throw badUserInput('id', `order is ${current.status}; only PENDING or CONFIRMED orders can be cancelled`);
  });
}
