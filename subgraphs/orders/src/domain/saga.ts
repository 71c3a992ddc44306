import type { Db, HandlerContext } from '@freightgraph/platform';
import {
  OrderConfirmed,
  OrderDelivered,
  OrderRejected,
  OrderShipped,
  type RejectionReason,
} from '@freightgraph/platform/contracts';
import type { Schema } from '../db/schema';
import { recordStep, transition } from './fulfillment';

type Emit = HandlerContext<typeof OrderConfirmed, Schema>['emit'];

/**
 * The orders side of the fulfilment saga. Each function is one consumer's effect, idempotent by state:
 * a transition is a conditional UPDATE from the states it may start in, so a redelivered or late event
 * (a reservation after a timeout, a pick-up after a cancel) matches nothing and changes nothing.
 */

/** The shipments context made the order's shipment: a step, no state change yet. */
export async function shipmentCreated(tx: Db<Schema>, orderId: string): Promise<void> {
  await recordStep(tx, orderId, 'CREATE_SHIPMENT', 'DONE');
}

/** A vehicle holds capacity for the shipment: PENDING → CONFIRMED. */
export async function capacityReserved(
  tx: Db<Schema>,
  reservation: { orderId: string; shipmentId: string; vehicleId: string },
  emit: Emit,
): Promise<void> {
  const order = await transition(tx, reservation.orderId, ['PENDING'], 'CONFIRMED');
  if (!order) return;
  await recordStep(tx, order.id, 'RESERVE_CAPACITY', 'DONE');
  await emit(OrderConfirmed, {
    aggregateId: order.id,
    payload: {
      orderId: order.id,
      customerId: order.customerId,
      shipmentId: reservation.shipmentId,
      vehicleId: reservation.vehicleId,
    },
  });
}

/**
 * A step failed (or timed out): PENDING → REJECTED with the reason, and OrderRejected, which the
 * shipments context answers by cancelling what it made (and vehicles by releasing the capacity).
 */
export async function rejectOrder(
  tx: Db<Schema>,
  orderId: string,
  failedStep: 'CREATE_SHIPMENT' | 'RESERVE_CAPACITY',
  reason: RejectionReason,
  emit: Emit,
): Promise<boolean> {
  const order = await transition(tx, orderId, ['PENDING'], 'REJECTED', reason);
  if (!order) return false;
  await recordStep(tx, order.id, failedStep, 'FAILED', reason);
  await emit(OrderRejected, {
    aggregateId: order.id,
    payload: { orderId: order.id, customerId: order.customerId, reason, failedStep },
  });
  return true;
}

/** A shipment moved: the first pick-up ships the order; the last delivery delivers it. */
export async function shipmentTracked(
  tx: Db<Schema>,
  tracked: { orderId: string; shipmentId: string; status: string; undeliveredShipments: number },
  emit: Emit,
): Promise<void> {
  if (tracked.status === 'PICKED_UP') {
    const order = await transition(tx, tracked.orderId, ['CONFIRMED'], 'SHIPPED');
    if (!order) return;
    await recordStep(tx, order.id, 'PICK_UP', 'DONE');
    await emit(OrderShipped, {
      aggregateId: order.id,
      payload: { orderId: order.id, customerId: order.customerId, shipmentId: tracked.shipmentId },
    });
  } else if (tracked.status === 'DELIVERED' && tracked.undeliveredShipments === 0) {
    const order = await transition(tx, tracked.orderId, ['CONFIRMED', 'SHIPPED'], 'DELIVERED');
    if (!order) return;
    await recordStep(tx, order.id, 'DELIVER', 'DONE');
    await emit(OrderDelivered, {
      aggregateId: order.id,
      payload: { orderId: order.id, customerId: order.customerId },
    });
  }
}
