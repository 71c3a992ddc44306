import type { VehicleResolvers } from '../__generated__/resolvers';

export const Vehicle: VehicleResolvers = {
  __resolveReference: (reference, { loaders }) => loaders.vehicle.load(reference.id),
  // A check constraint keeps lat and lng both set or both null.
  position: ({ lat, lng }) => (lat === null || lng === null ? null : { lat, lng }),
};
