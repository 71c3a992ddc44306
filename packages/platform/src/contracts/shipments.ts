import { z } from 'zod';
import { defineEvent } from '../events/contract';
import { id, kg, location, place } from './common';

/** The shipment states as they travel on the bus (the SDL's ShipmentStatus). */
export const SHIPMENT_EVENT_STATUSES = [
  'LABEL_CREATED',
  'PICKED_UP',
  'IN_TRANSIT',
  'OUT_FOR_DELIVERY',
  'DELIVERED',
  'EXCEPTION',
  'CANCELLED',
] as const;

export const ShipmentCreated = defineEvent({
  type: 'shipments.ShipmentCreated',
  version: 1,
  producer: 'shipments',
  aggregateType: 'Shipment',
  description: 'A label was created for an order (LABEL_CREATED): origin depot, destination, weight.',
  payload: z.object({
    shipmentId: id,
    orderId: id,
    trackingNumber: z.string().min(1),
    origin: place,
    destination: place,
    weightKg: kg,
  }),
});

export const ShipmentRejected = defineEvent({
  type: 'shipments.ShipmentRejected',
  version: 1,
  producer: 'shipments',
  aggregateType: 'Order',
  description: 'No shipment can be made for the order (its address is outside the service area).',
  payload: z.object({ orderId: id, reason: z.enum(['ADDRESS_UNSERVICEABLE']) }),
});

export const ShipmentCancelled = defineEvent({
  type: 'shipments.ShipmentCancelled',
  version: 1,
  producer: 'shipments',
  aggregateType: 'Shipment',
  description: 'A shipment that was not delivered is cancelled (its order was cancelled or rejected).',
  payload: z.object({
    shipmentId: id,
    orderId: id,
    reason: z.enum(['ORDER_CANCELLED', 'ORDER_REJECTED', 'NO_VEHICLE']),
  }),
});

export const TrackingEventRecorded = defineEvent({
  type: 'shipments.TrackingEventRecorded',
  version: 1,
  producer: 'shipments',
  aggregateType: 'Shipment',
  description:
    'A tracking event moved a shipment; carries how many shipments of its order are still undelivered.',
  payload: z.object({
    trackingEventId: id,
    shipmentId: id,
    orderId: id,
    status: z.enum(SHIPMENT_EVENT_STATUSES),
    location,
    note: z.string().nullable(),
    occurredAt: z.iso.datetime(),
    /** Shipments of the order neither DELIVERED nor CANCELLED after this event. */
    undeliveredShipments: z.number().int().nonnegative(),
  }),
});

export const shipmentsEvents = [ShipmentCreated, ShipmentRejected, ShipmentCancelled, TrackingEventRecorded];
