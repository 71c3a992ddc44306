import { notFound, parseId } from '@freightgraph/platform';
import type { SubscriptionResolvers } from '../__generated__/resolvers';
import { trackingEventFrom, trackingTopics } from '../events';

export const Subscription: SubscriptionResolvers = {
  trackingUpdates: {
    subscribe: async (_parent, args, { loaders, pubsub }) => {
      const shipmentId = parseId(args.shipmentId, 'shipmentId');
      // Refused up front: a typo would otherwise wait forever for events that never come.
      if (!(await loaders.shipment.load(shipmentId))) throw notFound('Shipment', shipmentId);
      return pubsub.subscribe([trackingTopics.shipment(shipmentId)]);
    },
    resolve: (message: unknown) => trackingEventFrom(message),
  },

  // The order lives in the orders subgraph, so only the id's shape is checked here.
  trackingUpdatesForOrder: {
    subscribe: (_parent, args, { pubsub }) =>
      pubsub.subscribe([trackingTopics.order(parseId(args.orderId, 'orderId'))]),
    resolve: (message: unknown) => trackingEventFrom(message),
  },
};
