import type { MutationResolvers } from '../__generated__/resolvers';
import { assignVehicle } from '../domain/assign-vehicle';
import { recordTrackingEvent } from '../domain/record-tracking-event';
import { afterShipmentWrite } from '../loaders';

export const Mutation: MutationResolvers = {
  // Subscribers hear of it from the committed TrackingEventRecorded (see consumers/TrackingEventRecorded.ts).
  recordTrackingEvent: async (_parent, { input }, { db, events, loaders, viewer }) => {
    const recorded = await recordTrackingEvent(db, input, viewer, events);
    afterShipmentWrite(loaders, recorded.shipment);
    return recorded.event;
  },

  assignVehicle: async (_parent, args, { db, loaders }) => {
    const shipment = await assignVehicle(db, args);
    afterShipmentWrite(loaders, shipment);
    return shipment;
  },
};
