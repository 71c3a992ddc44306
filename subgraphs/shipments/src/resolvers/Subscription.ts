import { notFound, parseId } from '@freightgraph/platform';
import { eq } from 'drizzle-orm';
import type { SubscriptionResolvers } from '../__generated__/resolvers';
import { shipments, type TrackingEventRow, trackingEvents } from '../db/schema';
import { trackingStream } from '../domain/tracking-stream';
import { trackingTopics } from '../events';

/**
 * Resumable: with `after` the store replays what was committed since, then the stream goes live (see
 * trackingStream). Authorized per event as well as at subscribe time: an event is delivered only while
 * its shipment is visible to the viewer (a driver whose vehicle was reassigned stops seeing it; a
 * customer following an order sees only their own shipments of it), replayed events included.
 */
export const Subscription: SubscriptionResolvers = {
  trackingUpdates: {
    subscribe: async (_parent, args, { db, loaders, pubsub, viewer, replay, trackingReads }) => {
      const shipmentId = parseId(args.shipmentId, 'shipmentId');
      // Refused up front: a typo (or another customer's shipment) would otherwise wait forever.
      if (!(await loaders.shipment.load(shipmentId))) throw notFound('Shipment', shipmentId);
      return trackingStream({
        db,
        pubsub,
        viewer,
        topic: trackingTopics.shipment(shipmentId),
        scope: eq(trackingEvents.shipmentId, shipmentId),
        reads: trackingReads,
        after: args.after,
        retentionMs: replay.retentionMs,
      });
    },
    resolve: (event: TrackingEventRow) => event,
  },

  // The order lives in the orders subgraph, so only the id's shape is checked up front.
  trackingUpdatesForOrder: {
    subscribe: (_parent, args, { db, pubsub, viewer, replay, trackingReads }) => {
      const orderId = parseId(args.orderId, 'orderId');
      return trackingStream({
        db,
        pubsub,
        viewer,
        topic: trackingTopics.order(orderId),
        scope: eq(shipments.orderId, orderId),
        reads: trackingReads,
        after: args.after,
        retentionMs: replay.retentionMs,
      });
    },
    resolve: (event: TrackingEventRow) => event,
  },
};
