import type { MutationResolvers } from '../__generated__/resolvers';
import { reportPosition } from '../domain/report-position';
import { publishPosition } from '../events';

export const Mutation: MutationResolvers = {
  reportVehiclePosition: async (_parent, args, { db, loaders, pubsub, logger }) => {
    const vehicle = await reportPosition(db, args);
    await publishPosition(pubsub, logger, vehicle);
    loaders.vehicle.clear(vehicle.id).prime(vehicle.id, vehicle);
    return vehicle;
  },
};
