import { checkLocation, notFound, parseId } from '@freightgraph/platform';
import { and, eq } from 'drizzle-orm';
import type { MutationResolvers } from '../__generated__/resolvers';
import { checkMayReportPosition, visibleVehicles } from '../access';
import { vehicles } from '../db/schema';

export const Mutation: MutationResolvers = {
  reportVehiclePosition: async (_parent, args, { db, loaders, viewer }) => {
    const vehicleId = parseId(args.vehicleId, 'vehicleId');
    const { lat, lng } = checkLocation(args.location, 'location');
    checkMayReportPosition(viewer, vehicleId);
    const [vehicle] = await db
      .update(vehicles)
      .set({ lat, lng, positionUpdatedAt: new Date() })
      .where(and(eq(vehicles.id, vehicleId), visibleVehicles(viewer)))
      .returning();
    if (!vehicle) throw notFound('Vehicle', vehicleId);
    loaders.vehicle.clear(vehicle.id).prime(vehicle.id, vehicle);
    return vehicle;
  },
};
