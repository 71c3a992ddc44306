import { on } from '@freightgraph/platform';
import { ShipmentCancelled } from '@freightgraph/platform/contracts';
import type { Schema } from '../db/schema';
import { releaseAndAnnounce } from './release';

/** A cancelled shipment gives its vehicle's capacity back (compensation of CapacityReserved). */
export const onShipmentCancelled = on<typeof ShipmentCancelled, Schema>(
  ShipmentCancelled,
  ({ tx, payload, emit }) => releaseAndAnnounce(tx, emit, payload, 'CANCELLED'),
);
