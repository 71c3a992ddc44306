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
 * Which event types each context's transactional handlers consume (exactly its `src/consumers`): the
 * relay delivers each committed event to every context listed here. Live handlers (subscriptions) read
 * their own context's events and are not listed: the bus feeds them in process.
 */
export const CONTEXT_MAP: Record<ContextName, readonly string[]> = {
  customers: [],
  orders: [
    'shipments.ShipmentCreated',
    'shipments.ShipmentRejected',
    'vehicles.CapacityReserved',
    'vehicles.CapacityReservationFailed',
    'shipments.TrackingEventRecorded',
  ],
  shipments: [
    'orders.OrderPlaced',
    'orders.OrderCancelled',
    'orders.OrderRejected',
    'vehicles.CapacityReserved',
    'vehicles.CapacityReservationFailed',
  ],
  vehicles: ['shipments.ShipmentCreated', 'shipments.ShipmentCancelled', 'shipments.TrackingEventRecorded'],
};

/** The contexts that consume `type`, in CONTEXT_MAP order. */
export function consumersOf(type: string): ContextName[] {
  return (Object.keys(CONTEXT_MAP) as ContextName[]).filter((context) => CONTEXT_MAP[context].includes(type));
}
