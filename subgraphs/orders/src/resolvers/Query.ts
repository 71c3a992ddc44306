import { parseId, parsePage, toConnection } from '@freightgraph/platform';
import { and, count, eq } from 'drizzle-orm';
import type { QueryResolvers } from '../__generated__/resolvers';
import { newestFirst, olderThan } from '../db/keyset';
import { orders } from '../db/schema';
import { visibleOrders } from '../domain/access';

export const Query: QueryResolvers = {
  order: (_parent, args, { loaders }) => loaders.order.load(parseId(args.id, 'id')),

  orders: async (_parent, args, { db, viewer }) => {
    const { first, after } = parsePage(args);
    const customerId = args.customerId == null ? null : parseId(args.customerId, 'customerId');
    const filter = and(
      args.status ? eq(orders.status, args.status) : undefined,
      customerId ? eq(orders.customerId, customerId) : undefined,
      // A customer's list is their own orders, whatever the filter asks for.
      visibleOrders(viewer),
    );
    const rows = await db
      .select()
      .from(orders)
      .where(and(filter, olderThan(after)))
      .orderBy(...newestFirst)
      .limit(first + 1);
    return toConnection(rows, first, async () => {
      const [row] = await db.select({ n: count() }).from(orders).where(filter);
      return row?.n ?? 0;
    });
  },
};
