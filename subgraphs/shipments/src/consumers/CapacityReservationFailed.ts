import { on } from '@freightgraph/platform';
import { CapacityReservationFailed } from '@freightgraph/platform/contracts';
import type { Schema } from '../db/schema';
import { cancelShipments } from '../domain/saga';

/** No vehicle can take the shipment: it is cancelled (the order is rejected by the orders context). */
export const onCapacityReservationFailed = on<typeof CapacityReservationFailed, Schema>(
  CapacityReservationFailed,
  async ({ tx, payload, emit }) => {
    await cancelShipments(
      tx,
      { orderId: payload.orderId, shipmentId: payload.shipmentId },
      'NO_VEHICLE',
      emit,
    );
  },
);
