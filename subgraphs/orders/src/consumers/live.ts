import { type EventContract, type LiveHandler, onCommitted, type PubSub } from '@freightgraph/platform';
import {
  OrderCancelled,
  OrderConfirmed,
  OrderDelivered,
  OrderPlaced,
  OrderRejected,
  OrderShipped,
  ShipmentCreated,
} from '@freightgraph/platform/contracts';

/** The pub/sub topic that wakes one order's `orderUpdates` streams. */
export const orderUpdatesTopic = (orderId: string) => `order-updates:${orderId}`;

/**
 * What is published: only a wake-up. The stream reads the committed steps from the store (see
 * orderUpdates), so a message lost, late or repeated changes nothing but latency.
 */
export interface OrderUpdateWakeUp {
  orderId: string;
}

const wake = <C extends EventContract>(pubsub: PubSub, contract: C) =>
  onCommitted(contract, (payload) => {
    const { orderId } = payload as { orderId: string };
    const message: OrderUpdateWakeUp = { orderId };
    return pubsub.publish(orderUpdatesTopic(orderId), message);
  });

/**
 * Wake-ups for `orderUpdates`, one per event committed with a fulfilment step: orders' own events, and
 * ShipmentCreated (its CREATE_SHIPMENT step is committed by this context's consumer, which emits nothing).
 */
export const live = (pubsub: PubSub): LiveHandler[] => [
  wake(pubsub, OrderPlaced),
  wake(pubsub, OrderConfirmed),
  wake(pubsub, OrderRejected),
  wake(pubsub, OrderCancelled),
  wake(pubsub, OrderShipped),
  wake(pubsub, OrderDelivered),
  wake(pubsub, ShipmentCreated),
];
