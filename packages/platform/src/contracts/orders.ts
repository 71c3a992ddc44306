import { z } from 'zod';
import { defineEvent } from '../events/contract';
import { address, id, kg } from './common';

/** Why an order ended REJECTED: the step that failed, as the saga reports it. */
export const REJECTION_REASONS = ['ADDRESS_UNSERVICEABLE', 'NO_VEHICLE', 'TIMEOUT'] as const;
export const rejectionReason = z.enum(REJECTION_REASONS);
export type RejectionReason = z.infer<typeof rejectionReason>;

const orderRef = { orderId: id, customerId: id };

export const OrderPlaced = defineEvent({
  type: 'orders.OrderPlaced',
  version: 1,
  producer: 'orders',
  aggregateType: 'Order',
  description: 'An order was placed (PENDING): the fulfilment saga starts here.',
  payload: z.object({
    ...orderRef,
    number: z.string().min(1),
    lines: z
      .array(
        z.object({
          sku: z.string().min(1),
          quantity: z.number().int().positive(),
          unitWeightGrams: z.number().int().nonnegative(),
        }),
      )
      .min(1),
    totalWeightKg: kg,
    shippingAddress: address,
  }),
});

export const OrderConfirmed = defineEvent({
  type: 'orders.OrderConfirmed',
  version: 1,
  producer: 'orders',
  aggregateType: 'Order',
  description: 'A shipment exists and a vehicle holds capacity for it: the order is CONFIRMED.',
  payload: z.object({ ...orderRef, shipmentId: id, vehicleId: id }),
});

export const OrderRejected = defineEvent({
  type: 'orders.OrderRejected',
  version: 1,
  producer: 'orders',
  aggregateType: 'Order',
  description: 'The saga could not complete (REJECTED): whatever was done for the order is undone.',
  payload: z.object({
    ...orderRef,
    reason: rejectionReason,
    /** The saga step that failed or timed out. */
    failedStep: z.enum(['CREATE_SHIPMENT', 'RESERVE_CAPACITY']),
  }),
});

export const OrderCancelled = defineEvent({
  type: 'orders.OrderCancelled',
  version: 1,
  producer: 'orders',
  aggregateType: 'Order',
  description: 'The customer or staff cancelled a PENDING or CONFIRMED order: its shipments stop.',
  payload: z.object({ ...orderRef, previousStatus: z.enum(['PENDING', 'CONFIRMED']) }),
});

export const OrderShipped = defineEvent({
  type: 'orders.OrderShipped',
  version: 1,
  producer: 'orders',
  aggregateType: 'Order',
  description: 'The first shipment of the order was picked up (SHIPPED).',
  payload: z.object({ ...orderRef, shipmentId: id }),
});

export const OrderDelivered = defineEvent({
  type: 'orders.OrderDelivered',
  version: 1,
  producer: 'orders',
  aggregateType: 'Order',
  description: 'Every shipment of the order is delivered (DELIVERED).',
  payload: z.object(orderRef),
});

export const ordersEvents = [
  OrderPlaced,
  OrderConfirmed,
  OrderRejected,
  OrderCancelled,
  OrderShipped,
  OrderDelivered,
];
