import type { MutationResolvers } from '../__generated__/resolvers';
import { reportPosition } from '../domain/report-position';
import { publishPosition } from '../events';

export const Mutation: MutationResolvers = {
  reportVehiclePosition: async (_parent, args, { db, loaders, pubsub, logger, viewer }) => {
    const vehicle = await reportPosition(db, args, viewer);
    // After the update has committed (one statement, no surrounding transaction).
    await publishPosition(pubsub, logger, vehicle);
    loaders.vehicle.clear(vehicle.id).prime(vehicle.id, vehicle);
    return vehicle;
  },
};
