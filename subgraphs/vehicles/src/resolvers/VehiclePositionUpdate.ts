import { notFound } from '@freightgraph/platform';
import type { VehiclePositionUpdateResolvers } from '../__generated__/resolvers';
import { positionCursor } from '../domain/position-history';

export const VehiclePositionUpdate: VehiclePositionUpdateResolvers = {
  cursor: (report) => positionCursor.encode(report.seq),
  vehicle: async (report, _args, { loaders }) =>
    (await loaders.vehicle.load(report.vehicleId)) ?? Promise.reject(notFound('Vehicle', report.vehicleId)),
  position: (report) => ({ lat: report.lat, lng: report.lng }),
};
