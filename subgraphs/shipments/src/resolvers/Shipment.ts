import type { ShipmentResolvers } from '../__generated__/resolvers';

export const Shipment: ShipmentResolvers = {
  __resolveReference: (reference, { loaders }) => loaders.shipment.load(reference.id),
  // Order and Vehicle belong to other subgraphs: a key is all the gateway needs to fetch them there.
  order: (shipment) => ({ id: shipment.orderId }),
  vehicle: (shipment) => (shipment.vehicleId ? { id: shipment.vehicleId } : null),
  origin: (shipment) => ({
    name: shipment.originName,
    location: { lat: shipment.originLat, lng: shipment.originLng },
  }),
  destination: (shipment) => ({
    name: shipment.destinationName,
    location: { lat: shipment.destinationLat, lng: shipment.destinationLng },
  }),
  lastLocation: (shipment) =>
    shipment.lastLat == null || shipment.lastLng == null
      ? null
      : { lat: shipment.lastLat, lng: shipment.lastLng },
  weightKg: (shipment) => shipment.weightGrams / 1000,
  events: (shipment, _args, { loaders }) => loaders.eventsByShipment.load(shipment.id),
  latestEvent: (shipment, _args, { loaders }) => loaders.latestEventByShipment.load(shipment.id),
};
