import { parseId, parsePage, toConnection } from '@freightgraph/platform';
import { and, count, desc, eq, type SQL, sql } from 'drizzle-orm';
import type { QueryResolvers } from '../__generated__/resolvers';
import { visibleVehicles } from '../access';
import { vehicles } from '../db/schema';

export const Query: QueryResolvers = {
  vehicle: (_parent, args, { loaders }) => loaders.vehicle.load(parseId(args.id, 'id')),

  vehicles: async (_parent, args, { db, viewer }) => {
    const { first, after } = parsePage(args);
    // Served by (created_at, id) or, filtered, by (status, created_at, id): an index range scan either way.
    const filter: SQL | undefined = and(
      args.status ? eq(vehicles.status, args.status) : undefined,
      visibleVehicles(viewer),
    );
    const rows = await db
      .select()
      .from(vehicles)
      .where(
        and(
          filter,
          after
            ? sql`(${vehicles.createdAt}, ${vehicles.id}) < (${after.createdAt}, ${after.id})`
            : undefined,
        ),
      )
      .orderBy(desc(vehicles.createdAt), desc(vehicles.id))
      .limit(first + 1);
    return toConnection(rows, first, async () => {
      const [row] = await db.select({ n: count() }).from(vehicles).where(filter);
      return row?.n ?? 0;
    });
  },
};
