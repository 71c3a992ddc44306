import type { PubSub } from '@freightgraph/platform';

/** Pub/sub topics of tracking events: one per shipment and one per order, for dashboards. */
export const trackingTopics = {
  shipment: (shipmentId: string) => `tracking:shipment:${shipmentId}`,
  order: (orderId: string) => `tracking:order:${orderId}`,
};

/**
 * Tells the streams of a shipment and of its order that it has new committed tracking events. Only a
 * wake-up: the streams read the events themselves from the store after their last cursor (see
 * trackingStream), so a late or repeated message is harmless. A failure throws, so it is offered again.
 */
export async function notifyTracking(
  pubsub: PubSub,
  committed: { shipmentId: string; orderId: string },
): Promise<void> {
  const message = { shipmentId: committed.shipmentId };
  await Promise.all([
    pubsub.publish(trackingTopics.shipment(committed.shipmentId), message),
    pubsub.publish(trackingTopics.order(committed.orderId), message),
  ]);
}
