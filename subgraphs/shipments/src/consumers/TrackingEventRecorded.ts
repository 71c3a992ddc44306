import { onCommitted, type PubSub } from '@freightgraph/platform';
import { TrackingEventRecorded } from '@freightgraph/platform/contracts';
import { publishTrackingEvent } from '../events';

/**
 * Feeds `trackingUpdates` and `trackingUpdatesForOrder` from the committed event, so a subscriber never
 * sees a rolled-back one; a failed publish is retried by the live runtime rather than dropped.
 */
export const liveTrackingEvents = (pubsub: PubSub) =>
  onCommitted(TrackingEventRecorded, (payload) =>
    publishTrackingEvent(pubsub, {
      orderId: payload.orderId,
      event: {
        id: payload.trackingEventId,
        shipmentId: payload.shipmentId,
        status: payload.status,
        lat: payload.location.lat,
        lng: payload.location.lng,
        note: payload.note,
        occurredAt: new Date(payload.occurredAt),
      },
    }),
  );
