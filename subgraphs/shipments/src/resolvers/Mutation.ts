import type { MutationResolvers } from '../__generated__/resolvers';
import { assignVehicle } from '../domain/assign-vehicle';
import { recordTrackingEvent } from '../domain/record-tracking-event';
import { publishTrackingEvent } from '../events';
import { afterShipmentWrite } from '../loaders';

export const Mutation: MutationResolvers = {
  recordTrackingEvent: async (_parent, { input }, { db, loaders, pubsub, logger, viewer }) => {
    const recorded = await recordTrackingEvent(db, input, viewer);
    // After the commit (recordTrackingEvent resolves once it has), never inside the transaction.
    await publishTrackingEvent(pubsub, logger, recorded);
    afterShipmentWrite(loaders, recorded.shipment);
    return recorded.event;
  },

  assignVehicle: async (_parent, args, { db, loaders }) => {
    const shipment = await assignVehicle(db, args);
    afterShipmentWrite(loaders, shipment);
    return shipment;
  },
};
