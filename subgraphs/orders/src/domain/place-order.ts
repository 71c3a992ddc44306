import { randomUUID } from 'node:crypto';
import { assert, type Db, type EventWriter, type Viewer } from '@freightgraph/platform';
import { OrderPlaced } from '@freightgraph/platform/contracts';
import type { PlaceOrderInput } from '../__generated__/resolvers';
import { type OrderRow, orderLines, orders, type Schema } from '../db/schema';
import { checkActsFor } from './access';
import { recordStep } from './fulfillment';
import { parsePlaceOrderInput } from './validation';

/**
 * Places a PENDING order and starts its saga: the order, its lines, its first step and OrderPlaced
 * commit together or not at all. Invalid input is BAD_USER_INPUT before anything is written.
 */
export async function placeOrder(
  db: Db<Schema>,
  input: PlaceOrderInput,
  viewer: Viewer,
  events: EventWriter,
): Promise<OrderRow> {
  const order = parsePlaceOrderInput(input);
  checkActsFor(viewer, order.customerId);
  return db.transaction(async (tx) => {
    // The number comes from the column default (a sequence), so concurrent orders never share one.
    const [row] = await tx
      .insert(orders)
      .values({
        id: randomUUID(),
        customerId: order.customerId,
        status: 'PENDING',
        totalCents: order.totalCents,
        totalWeightGrams: order.totalWeightGrams,
        shippingAddress: order.shippingAddress,
      })
      .returning();
    assert(row, 'the order was inserted');
    await tx
      .insert(orderLines)
      .values(order.lines.map((line) => ({ id: randomUUID(), orderId: row.id, ...line })));
    await recordStep(tx, row.id, 'PLACE_ORDER', 'DONE');
    await events.append(tx, OrderPlaced, {
      aggregateId: row.id,
      payload: {
        orderId: row.id,
        customerId: row.customerId,
        number: row.number,
        lines: order.lines.map(({ sku, quantity, unitWeightGrams }) => ({ sku, quantity, unitWeightGrams })),
        totalWeightKg: order.totalWeightGrams / 1000,
        shippingAddress: order.shippingAddress,
      },
    });
    return row;
  });
}
