import { badUserInput } from '@freightgraph/platform';

/** The ShipmentStatus enum of the SDL, in the order a shipment normally moves through it. */
export const SHIPMENT_STATUSES = [
  'LABEL_CREATED',
  'PICKED_UP',
  'IN_TRANSIT',
  'OUT_FOR_DELIVERY',
  'DELIVERED',
  'EXCEPTION',
  'CANCELLED',
] as const;

export type ShipmentStatus = (typeof SHIPMENT_STATUSES)[number];

/**
 * Legal moves. IN_TRANSIT → IN_TRANSIT is a position update; OUT_FOR_DELIVERY → IN_TRANSIT is a failed
 * attempt going back to the depot; EXCEPTION → EXCEPTION is a follow-up on an open exception (it is
 * reachable from every state before DELIVERED, itself included). DELIVERED and CANCELLED are final.
 */
const NEXT: Record<ShipmentStatus, readonly ShipmentStatus[]> = {
  LABEL_CREATED: ['PICKED_UP', 'EXCEPTION'],
  PICKED_UP: ['IN_TRANSIT', 'EXCEPTION'],
  IN_TRANSIT: ['IN_TRANSIT', 'OUT_FOR_DELIVERY', 'EXCEPTION'],
  OUT_FOR_DELIVERY: ['DELIVERED', 'IN_TRANSIT', 'EXCEPTION'],
  EXCEPTION: ['PICKED_UP', 'IN_TRANSIT', 'OUT_FOR_DELIVERY', 'EXCEPTION'],
  DELIVERED: [],
  // Reached only through the saga (its order cancelled or rejected), never by a tracking event.
  CANCELLED: [],
};

/** A shipment still on its way: neither delivered nor cancelled (what a cancellation stops). */
export function isOpen(status: ShipmentStatus): boolean {
  return status !== 'DELIVERED' && status !== 'CANCELLED';
}

export function canTransition(from: ShipmentStatus, to: ShipmentStatus): boolean {
  return NEXT[from].includes(to);
}

/** Throws BAD_USER_INPUT on `field` when the shipment may not move from `from` to `to`. */
export function checkTransition(from: ShipmentStatus, to: ShipmentStatus, field = 'input.status'): void {
  if (!canTransition(from, to)) {
    throw badUserInput(field, `illegal transition from ${from} to ${to}`);
  }
}
