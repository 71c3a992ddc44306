import type { EventHandler } from '@freightgraph/platform';
import type { Schema } from '../db/schema';
import { onCapacityReservationFailed } from './CapacityReservationFailed';
import { onCapacityReserved } from './CapacityReserved';
import { onShipmentCreated } from './ShipmentCreated';
import { onShipmentRejected } from './ShipmentRejected';
import { onTrackingEventRecorded } from './TrackingEventRecorded';

export { live } from './live';

/** Every event the orders context applies, one handler per type (see CONTEXT_MAP). */
export const handlers: EventHandler<Schema>[] = [
  onShipmentCreated,
  onShipmentRejected,
  onCapacityReserved,
  onCapacityReservationFailed,
  onTrackingEventRecorded,
];
