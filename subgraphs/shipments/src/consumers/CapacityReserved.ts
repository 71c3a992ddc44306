import { on } from '@freightgraph/platform';
import { CapacityReserved } from '@freightgraph/platform/contracts';
import type { Schema } from '../db/schema';
import { assignReservedVehicle } from '../domain/saga';

/** The vehicle holding capacity for a shipment is the one it rides on. */
export const onCapacityReserved = on<typeof CapacityReserved, Schema>(
  CapacityReserved,
  async ({ tx, payload }) => {
    await assignReservedVehicle(tx, payload.shipmentId, payload.vehicleId);
  },
);
