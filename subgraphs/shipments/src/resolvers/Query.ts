import { checkLength, parseId, parsePage, toConnection } from '@freightgraph/platform';
import { and, count, desc, eq, sql } from 'drizzle-orm';
import type { QueryResolvers } from '../__generated__/resolvers';
import { shipments } from '../db/schema';
import { visibleShipments } from '../domain/access';

export const Query: QueryResolvers = {
  shipment: (_parent, args, { loaders }) => loaders.shipment.load(parseId(args.id, 'id')),

  shipmentByTrackingNumber: (_parent, args, { loaders }) =>
    loaders.shipmentByTrackingNumber.load(checkLength(args.trackingNumber, 'trackingNumber', 64)),

  shipments: async (_parent, args, { db, viewer }) => {
    const { first, after } = parsePage(args);
    // Served by (status, created_at, id) when filtered, (created_at, id) otherwise; a customer's or
    // driver's rows by (customer_id | vehicle_id, created_at, id).
    const filter = and(args.status ? eq(shipments.status, args.status) : undefined, visibleShipments(viewer));
    const rows = await db
      .select()
      .from(shipments)
      .where(
        and(
          filter,
          after
            ? sql`(${shipments.createdAt}, ${shipments.id}) < (${after.createdAt}, ${after.id})`
            : undefined,
        ),
      )
      .orderBy(desc(shipments.createdAt), desc(shipments.id))
      .limit(first + 1);
    return toConnection(rows, first, async () => {
      const [row] = await db.select({ n: count() }).from(shipments).where(filter);
      return row?.n ?? 0;
    });
  },
};
