import { type Db, filterEvents, notFound, type PubSub, parseId, type Viewer } from '@freightgraph/platform';
import type { SubscriptionResolvers } from '../__generated__/resolvers';
import type { Schema } from '../db/schema';
import { visibleShipments } from '../domain/access';
import { trackingEventFrom, trackingTopics } from '../events';
import { createLoaders } from '../loaders';

/**
 * Authorized per event as well as at subscribe time: an event is delivered only while its shipment is
 * visible to the viewer (a driver whose vehicle was reassigned stops seeing it; a customer following an
 * order sees only their own shipments of it). Each check uses fresh loaders, never a cached row.
 */
async function visibleStream(pubsub: PubSub, topic: string, db: Db<Schema>, viewer: Viewer) {
  const source = await pubsub.subscribe([topic]);
  if (visibleShipments(viewer) === undefined) return source;
  return filterEvents(source, async (message) => {
    const { shipmentId } = trackingEventFrom(message);
    return (await createLoaders(db, viewer).shipment.load(shipmentId)) !== null;
  });
}

export const Subscription: SubscriptionResolvers = {
  trackingUpdates: {
    subscribe: async (_parent, args, { db, loaders, pubsub, viewer }) => {
      const shipmentId = parseId(args.shipmentId, 'shipmentId');
      // Refused up front: a typo (or another customer's shipment) would otherwise wait forever.
      if (!(await loaders.shipment.load(shipmentId))) throw notFound('Shipment', shipmentId);
      return visibleStream(pubsub, trackingTopics.shipment(shipmentId), db, viewer);
    },
    resolve: (message: unknown) => trackingEventFrom(message),
  },

  // The order lives in the orders subgraph, so only the id's shape is checked up front.
  trackingUpdatesForOrder: {
    subscribe: (_parent, args, { db, pubsub, viewer }) =>
      visibleStream(pubsub, trackingTopics.order(parseId(args.orderId, 'orderId')), db, viewer),
    resolve: (message: unknown) => trackingEventFrom(message),
  },
};
