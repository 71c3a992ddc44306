import { on } from '@freightgraph/platform';
import { CapacityReservationFailed } from '@freightgraph/platform/contracts';
import type { Schema } from '../db/schema';
import { rejectOrder } from '../domain/saga';

export const onCapacityReservationFailed = on<typeof CapacityReservationFailed, Schema>(
  CapacityReservationFailed,
  async ({ tx, payload, emit }) => {
    await rejectOrder(tx, payload.orderId, 'RESERVE_CAPACITY', payload.reason, emit);
  },
);
