import { on } from '@freightgraph/platform';
import { OrderRejected } from '@freightgraph/platform/contracts';
import type { Schema } from '../db/schema';
import { cancelShipments, closeOrder } from '../domain/saga';

/** Compensation: a rejected order (no vehicle, timeout) leaves no shipment live. */
export const onOrderRejected = on<typeof OrderRejected, Schema>(
  OrderRejected,
  async ({ tx, payload, emit }) => {
    await closeOrder(tx, payload.orderId, `REJECTED:${payload.reason}`);
    await cancelShipments(tx, { orderId: payload.orderId }, 'ORDER_REJECTED', emit);
  },
);
