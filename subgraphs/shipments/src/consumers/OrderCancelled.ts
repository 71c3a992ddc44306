import { on } from '@freightgraph/platform';
import { OrderCancelled } from '@freightgraph/platform/contracts';
import type { Schema } from '../db/schema';
import { cancelShipments, closeOrder } from '../domain/saga';

/** A cancelled order stops its shipments that are still on their way. */
export const onOrderCancelled = on<typeof OrderCancelled, Schema>(
  OrderCancelled,
  async ({ tx, payload, emit }) => {
    await closeOrder(tx, payload.orderId, 'CANCELLED');
    await cancelShipments(tx, { orderId: payload.orderId }, 'ORDER_CANCELLED', emit);
  },
);
