import { notFound, parseId } from '@freightgraph/platform';
import type { SubscriptionResolvers } from '../__generated__/resolvers';
import type { FulfillmentStepRow } from '../db/schema';
import { orderUpdates } from '../domain/order-updates';
import type { OrderUpdateParent } from '../mappers';

export const Subscription: SubscriptionResolvers = {
  orderUpdates: {
    // Refused up front (a typo, or another customer's order, would otherwise wait forever); the row rule
    // also applies to every step read, replayed ones included.
    subscribe: async (_parent, args, { db, loaders, pubsub, viewer, replay }) => {
      const orderId = parseId(args.orderId, 'orderId');
      if (!(await loaders.order.load(orderId))) throw notFound('Order', orderId);
      return orderUpdates({
        db,
        pubsub,
        viewer,
        orderId,
        after: args.after,
        retentionMs: replay.retentionMs,
      });
    },
    // The step as committed; the order is loaded as it is now, with fresh loaders per event.
    resolve: (step: FulfillmentStepRow): OrderUpdateParent => ({ orderId: step.orderId, step }),
  },
};
