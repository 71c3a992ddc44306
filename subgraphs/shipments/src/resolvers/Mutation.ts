import type { MutationResolvers } from '../__generated__/resolvers';
import { assignVehicle } from '../domain/assign-vehicle';
import { recordTrackingEvent } from '../domain/record-tracking-event';
import { afterShipmentWrite } from '../loaders';

export const Mutation: MutationResolvers = {
  recordTrackingEvent: async (_parent, { input }, { db, loaders, viewer }) => {
    const { event, shipment } = await recordTrackingEvent(db, input, viewer);
    afterShipmentWrite(loaders, shipment);
    return event;
  },

  assignVehicle: async (_parent, args, { db, loaders }) => {
    const shipment = await assignVehicle(db, args);
    afterShipmentWrite(loaders, shipment);
    return shipment;
  },
};
