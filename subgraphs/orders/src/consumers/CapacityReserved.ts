import { on } from '@freightgraph/platform';
import { CapacityReserved } from '@freightgraph/platform/contracts';
import type { Schema } from '../db/schema';
import { capacityReserved } from '../domain/saga';

export const onCapacityReserved = on<typeof CapacityReserved, Schema>(
  CapacityReserved,
  ({ tx, payload, emit }) => capacityReserved(tx, payload, emit),
);
