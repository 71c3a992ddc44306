import type { EventHandler, LiveHandler, PubSub } from '@freightgraph/platform';
import type { Schema } from '../db/schema';
import { onCapacityReservationFailed } from './CapacityReservationFailed';
import { onCapacityReserved } from './CapacityReserved';
import { onOrderCancelled } from './OrderCancelled';
import { onOrderPlaced } from './OrderPlaced';
import { onOrderRejected } from './OrderRejected';
import { liveTrackingEvents } from './TrackingEventRecorded';

/** Every event the shipments context applies, one handler per type (see CONTEXT_MAP). */
export const handlers: EventHandler<Schema>[] = [
  onOrderPlaced,
  onOrderCancelled,
  onOrderRejected,
  onCapacityReserved,
  onCapacityReservationFailed,
];

/** The live feeds: committed tracking events to the tracking subscriptions. */
export const live = (pubsub: PubSub): LiveHandler[] => liveTrackingEvents(pubsub);
