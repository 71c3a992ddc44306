import { parseId, parsePage, toConnection } from '@freightgraph/platform';
import { and, count, desc, sql } from 'drizzle-orm';
import type { QueryResolvers } from '../__generated__/resolvers';
import { visibleCustomers } from '../access';
import { customers } from '../db/schema';

export const Query: QueryResolvers = {
  customer: (_parent, args, { loaders }) => loaders.customer.load(parseId(args.id, 'id')),

  customers: async (_parent, args, { db, viewer }) => {
    const { first, after } = parsePage(args);
    const visible = visibleCustomers(viewer);
    const rows = await db
      .select()
      .from(customers)
      .where(
        and(
          visible,
          after
            ? sql`(${customers.createdAt}, ${customers.id}) < (${after.createdAt}, ${after.id})`
            : undefined,
        ),
      )
      .orderBy(desc(customers.createdAt), desc(customers.id))
      .limit(first + 1);
    return toConnection(rows, first, async () => {
      const [row] = await db.select({ n: count() }).from(customers).where(visible);
      return row?.n ?? 0;
    });
  },
};
