import { on } from '@freightgraph/platform';
import { ShipmentRejected } from '@freightgraph/platform/contracts';
import type { Schema } from '../db/schema';
import { rejectOrder } from '../domain/saga';

export const onShipmentRejected = on<typeof ShipmentRejected, Schema>(
  ShipmentRejected,
  async ({ tx, payload, emit }) => {
    await rejectOrder(tx, payload.orderId, 'CREATE_SHIPMENT', payload.reason, emit);
  },
);
