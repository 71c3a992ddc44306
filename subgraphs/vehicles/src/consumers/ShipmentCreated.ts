import { on } from '@freightgraph/platform';
import {
  CapacityReservationFailed,
  CapacityReserved,
  ShipmentCreated,
} from '@freightgraph/platform/contracts';
import type { Schema } from '../db/schema';
import { reserveCapacity } from '../domain/reserve-capacity';

/** A new shipment: reserve capacity on the nearest fitting vehicle, or say there is none. */
export const onShipmentCreated = on<typeof ShipmentCreated, Schema>(
  ShipmentCreated,
  async ({ tx, payload, emit }) => {
    const outcome = await reserveCapacity(tx, {
      shipmentId: payload.shipmentId,
      orderId: payload.orderId,
      weightKg: payload.weightKg,
      origin: payload.origin.location,
    });
    if (outcome.kind === 'reserved') {
      await emit(CapacityReserved, {
        aggregateId: outcome.vehicleId,
        payload: {
          reservationId: outcome.reservation.id,
          vehicleId: outcome.vehicleId,
          shipmentId: payload.shipmentId,
          orderId: payload.orderId,
          weightKg: payload.weightKg,
          distanceKm: outcome.distanceKm,
        },
      });
    } else if (outcome.kind === 'failed') {
      await emit(CapacityReservationFailed, {
        aggregateId: payload.shipmentId,
        payload: {
          shipmentId: payload.shipmentId,
          orderId: payload.orderId,
          weightKg: payload.weightKg,
          reason: 'NO_VEHICLE',
        },
      });
    }
  },
);
