import type { MutationResolvers } from '../__generated__/resolvers';
import { assignVehicle } from '../domain/assign-vehicle';
import { recordTrackingEvent } from '../domain/record-tracking-event';
import { notifyTracking } from '../events';
import { afterShipmentWrite } from '../loaders';

export const Mutation: MutationResolvers = {
  // Committed: the tracking streams are woken at once. The committed TrackingEventRecorded wakes them
  // again through the relay (see consumers/TrackingEventRecorded.ts), which also covers a crash right
  // here or a failed publish; a wake-up too many costs one empty read, so this one is best-effort.
  recordTrackingEvent: async (_parent, { input }, { db, events, loaders, logger, pubsub, viewer }) => {
    const recorded = await recordTrackingEvent(db, input, viewer, events);
    afterShipmentWrite(loaders, recorded.shipment);
    notifyTracking(pubsub, { shipmentId: recorded.shipment.id, orderId: recorded.shipment.orderId }).catch(
      (error: unknown) => logger.warn({ err: error }, 'tracking wake-up failed; the relay will send it'),
    );
    return recorded.event;
  },

  assignVehicle: async (_parent, args, { db, loaders }) => {
    const shipment = await assignVehicle(db, args);
    afterShipmentWrite(loaders, shipment);
    return shipment;
  },
};
