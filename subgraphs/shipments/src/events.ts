import type { PubSub } from '@freightgraph/platform';
import { z } from 'zod';
import type { TrackingEventRow } from './db/schema';
import { SHIPMENT_STATUSES } from './domain/status';

/** Pub/sub topics of tracking events: one per shipment and one per order, for dashboards. */
export const trackingTopics = {
  shipment: (shipmentId: string) => `tracking:shipment:${shipmentId}`,
  order: (orderId: string) => `tracking:order:${orderId}`,
};

// What a published event looks like once it has been through JSON (the timestamp is a string there).
const trackingEventMessage = z.object({
  id: z.string(),
  shipmentId: z.string(),
  status: z.enum(SHIPMENT_STATUSES),
  lat: z.number(),
  lng: z.number(),
  note: z.string().nullable(),
  occurredAt: z.coerce.date(),
}) satisfies z.ZodType<TrackingEventRow>;

/** The committed event back as the row the `TrackingEvent` resolvers expect. */
export function trackingEventFrom(message: unknown): TrackingEventRow {
  return trackingEventMessage.parse(message);
}

/**
 * Publishes a committed tracking event to its shipment's and its order's topics. Called by the live
 * handler of shipments.TrackingEventRecorded; a failure throws, so that event is offered again.
 */
export async function publishTrackingEvent(
  pubsub: PubSub,
  recorded: { event: TrackingEventRow; orderId: string },
): Promise<void> {
  const { event, orderId } = recorded;
  await Promise.all([
    pubsub.publish(trackingTopics.shipment(event.shipmentId), event),
    pubsub.publish(trackingTopics.order(orderId), event),
  ]);
}
