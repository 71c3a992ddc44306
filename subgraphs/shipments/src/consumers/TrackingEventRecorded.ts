import { onCommitted, type PubSub } from '@freightgraph/platform';
import { ShipmentCancelled, ShipmentCreated, TrackingEventRecorded } from '@freightgraph/platform/contracts';
import { notifyTracking } from '../events';

/**
 * Wakes `trackingUpdates` and `trackingUpdatesForOrder` once a tracking event is committed (so a
 * subscriber never sees a rolled-back one); a failed publish is retried by the live runtime rather
 * than dropped. The saga's own tracking rows (LABEL_CREATED with ShipmentCreated, CANCELLED with
 * ShipmentCancelled) wake them too: a stream is every row of the tracking history.
 */
export const liveTrackingEvents = (pubsub: PubSub) => [
  onCommitted(TrackingEventRecorded, (payload) => notifyTracking(pubsub, payload)),
  onCommitted(ShipmentCreated, (payload) => notifyTracking(pubsub, payload)),
  onCommitted(ShipmentCancelled, (payload) => notifyTracking(pubsub, payload)),
];
