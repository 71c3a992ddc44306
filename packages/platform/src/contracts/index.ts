import { EventCatalogue } from '../events/contract';
import type { ContextName } from '../events/envelope';
import { ordersEvents } from './orders';
import { shipmentsEvents } from './shipments';
import { vehiclesEvents } from './vehicles';

export * from './common';
export * from './orders';
export * from './shipments';
export * from './vehicles';

/** Every event contract of the graph: what producers validate against and consumers convert with. */
export const catalogue = new EventCatalogue([...ordersEvents, ...shipmentsEvents, ...vehiclesEvents]);

/**
 * Which event types each context consumes (its transactional handlers and its live handlers, which may
 * read the context's own events): the relay delivers each committed event to every context listed here.
 */
export const CONTEXT_MAP: Record<ContextName, readonly string[]> = {
  customers: [],
  orders: [
    'shipments.ShipmentCreated',
    'shipments.ShipmentRejected',
    'vehicles.CapacityReserved',
    'vehicles.CapacityReservationFailed',
    'shipments.TrackingEventRecorded',
    // Its own, for the live handlers feeding `orderUpdates`.
    'orders.OrderPlaced',
    'orders.OrderConfirmed',
    'orders.OrderRejected',
    'orders.OrderCancelled',
    'orders.OrderShipped',
    'orders.OrderDelivered',
  ],
  shipments: [
    'orders.OrderPlaced',
    'orders.OrderCancelled',
    'orders.OrderRejected',
    'vehicles.CapacityReserved',
    'vehicles.CapacityReservationFailed',
    // Its own, for the live handler feeding the tracking subscriptions.
    'shipments.TrackingEventRecorded',
  ],
  vehicles: ['shipments.ShipmentCreated', 'shipments.ShipmentCancelled', 'shipments.TrackingEventRecorded'],
};

/** The contexts that consume `type`, in CONTEXT_MAP order. */
export function consumersOf(type: string): ContextName[] {
  return (Object.keys(CONTEXT_MAP) as ContextName[]).filter((context) => CONTEXT_MAP[context].includes(type));
}
