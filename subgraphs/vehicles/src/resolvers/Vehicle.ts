import type { VehicleResolvers } from '../__generated__/resolvers';
import { toKg } from '../domain/fitting-kinds';

export const Vehicle: VehicleResolvers = {
  __resolveReference: (reference, { loaders }) => loaders.vehicle.load(reference.id),
  // A check constraint keeps lat and lng both set or both null.
  reservedKg: (vehicle) => toKg(vehicle.reservedGrams),
  freeCapacityKg: (vehicle) => toKg(vehicle.capacityKg * 1000 - vehicle.reservedGrams),
  position: ({ lat, lng }) => (lat === null || lng === null ? null : { lat, lng }),
};
