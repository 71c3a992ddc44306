import { z } from 'zod';
import { defineEvent } from '../events/contract';
import { id, kg } from './common';

export const CapacityReserved = defineEvent({
  type: 'vehicles.CapacityReserved',
  version: 1,
  producer: 'vehicles',
  aggregateType: 'Vehicle',
  description: 'The nearest fitting AVAILABLE vehicle holds capacity for a shipment.',
  payload: z.object({
    reservationId: id,
    vehicleId: id,
    shipmentId: id,
    orderId: id,
    weightKg: kg,
    /** Great-circle distance from the vehicle to the shipment's origin. */
    distanceKm: z.number().nonnegative(),
  }),
});

export const CapacityReservationFailed = defineEvent({
  type: 'vehicles.CapacityReservationFailed',
  version: 1,
  producer: 'vehicles',
  aggregateType: 'Shipment',
  description: 'No AVAILABLE vehicle of a fitting kind has the free capacity for a shipment.',
  payload: z.object({ shipmentId: id, orderId: id, weightKg: kg, reason: z.enum(['NO_VEHICLE']) }),
});

export const CapacityReleased = defineEvent({
  type: 'vehicles.CapacityReleased',
  version: 1,
  producer: 'vehicles',
  aggregateType: 'Vehicle',
  description: 'A reservation ended: the shipment was delivered or cancelled, the capacity is free again.',
  payload: z.object({
    reservationId: id,
    vehicleId: id,
    shipmentId: id,
    orderId: id,
    weightKg: kg,
    reason: z.enum(['DELIVERED', 'CANCELLED']),
  }),
});

export const vehiclesEvents = [CapacityReserved, CapacityReservationFailed, CapacityReleased];
