import { type EventContract, type LiveHandler, onCommitted, type PubSub } from '@freightgraph/platform';
import {
  OrderCancelled,
  OrderConfirmed,
  OrderDelivered,
  OrderPlaced,
  OrderRejected,
  OrderShipped,
} from '@freightgraph/platform/contracts';
import type { StepName } from '../db/schema';

/** The pub/sub topic of one order's fulfilment steps (what `orderUpdates` listens to). */
export const orderUpdatesTopic = (orderId: string) => `order-updates:${orderId}`;

/** What is published: the order and the step; the subscription loads both fresh for each subscriber. */
export interface OrderUpdateMessage {
  orderId: string;
  step: StepName;
}

const feed = <C extends EventContract>(pubsub: PubSub, contract: C, step: (payload: never) => StepName) =>
  onCommitted(contract, (payload) => {
    const { orderId } = payload as { orderId: string };
    const message: OrderUpdateMessage = { orderId, step: step(payload as never) };
    return pubsub.publish(orderUpdatesTopic(orderId), message);
  });

/** The live feeds of orders' own committed events into `orderUpdates`. */
export const live = (pubsub: PubSub): LiveHandler[] => [
  feed(pubsub, OrderPlaced, () => 'PLACE_ORDER'),
  feed(pubsub, OrderConfirmed, () => 'RESERVE_CAPACITY'),
  feed(pubsub, OrderRejected, (payload: { failedStep: StepName }) => payload.failedStep),
  feed(pubsub, OrderCancelled, () => 'CANCEL'),
  feed(pubsub, OrderShipped, () => 'PICK_UP'),
  feed(pubsub, OrderDelivered, () => 'DELIVER'),
];
