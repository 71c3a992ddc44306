import { randomUUID } from 'node:crypto';
import { badUserInput, notFound, parseId } from '@freightgraph/platform';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { MutationResolvers } from '../__generated__/resolvers';
import { checkActsFor, visibleOrders } from '../access';
import { type OrderStatus, orderLines, orders } from '../db/schema';
import { parsePlaceOrderInput } from '../validation';

const CANCELLABLE: OrderStatus[] = ['PENDING', 'CONFIRMED'];

export const Mutation: MutationResolvers = {
  placeOrder: async (_parent, { input }, { db, viewer }) => {
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
        })
        .returning();
      if (!row) throw new Error('insert into orders returned no row');
      await tx
        .insert(orderLines)
        .values(order.lines.map((line) => ({ id: randomUUID(), orderId: row.id, ...line })));
      return row;
    });
  },

  cancelOrder: async (_parent, args, { db, viewer }) => {
    const id = parseId(args.id, 'id');
    return db.transaction(async (tx) => {
      // Check and change in one statement: of two racing cancels (or a cancel racing a shipment),
      // the second re-reads the row after the first commits and matches nothing. The viewer's row
      // rule is part of the match, so nobody cancels what they may not see.
      const [cancelled] = await tx
        .update(orders)
        .set({ status: 'CANCELLED', updatedAt: sql`now()` })
        .where(and(eq(orders.id, id), inArray(orders.status, CANCELLABLE), visibleOrders(viewer)))
        .returning();
      if (cancelled) return cancelled;
      const [current] = await tx
        .select({ status: orders.status, customerId: orders.customerId })
        .from(orders)
        .where(eq(orders.id, id));
      if (!current) throw notFound('Order', id);
      checkActsFor(viewer, current.customerId);
      throw badUserInput(
        'id',
        `order is ${current.status}; only PENDING or CONFIRMED orders can be cancelled`,
      );
    });
  },
};
