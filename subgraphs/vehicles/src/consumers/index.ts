import type { EventHandler } from '@freightgraph/platform';
import type { Schema } from '../db/schema';
import { onShipmentCancelled } from './ShipmentCancelled';
import { onShipmentCreated } from './ShipmentCreated';
import { onTrackingEventRecorded } from './TrackingEventRecorded';

/** Every event the vehicles context consumes, one handler per type (see CONTEXT_MAP). */
export const handlers: EventHandler<Schema>[] = [
  onShipmentCreated,
  onShipmentCancelled,
  onTrackingEventRecorded,
];
