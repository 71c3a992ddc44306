import type { VehicleResolvers } from '../__generated__/resolvers';

export const Vehicle: VehicleResolvers = {
  // The vehicles subgraph owns Vehicle; this subgraph only contributes its shipments.
  __resolveReference: (reference) => reference,
  shipments: (vehicle, _args, { loaders }) => loaders.shipmentsByVehicle.load(vehicle.id),
};
