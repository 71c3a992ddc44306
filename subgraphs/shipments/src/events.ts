import type { Logger, PubSub } from '@freightgraph/platform';
import { z } from 'zod';
import type { ShipmentRow, TrackingEventRow } from './db/schema';
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
 * Publishes a committed tracking event to its shipment's and its order's topics. A failed publish is
 * logged, not thrown: the event is committed, and the mutation that recorded it succeeded.
 */
export async function publishTrackingEvent(
  pubsub: PubSub,
  logger: Logger,
  recorded: { event: TrackingEventRow; shipment: ShipmentRow },
): Promise<void> {
  const { event, shipment } = recorded;
  try {
    await Promise.all([
      pubsub.publish(trackingTopics.shipment(shipment.id), event),
      pubsub.publish(trackingTopics.order(shipment.orderId), event),
    ]);
  } catch (error) {
    logger.error({ err: error, eventId: event.id }, 'tracking event committed but not published');
  }
}
