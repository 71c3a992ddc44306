import {
  createRng,
  DEMO,
  type DemoOrder,
  demoId,
  demoOrder,
  demoShipmentId,
  demoTrackingNumber,
  demoVehicleId,
  type Rng,
} from '@freightgraph/platform';
import type { ShipmentStatus } from '../domain/status';
import { CITIES, type City } from './cities';
import type { NewShipmentRow, NewTrackingEventRow } from './schema';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface DemoShipment {
  shipment: NewShipmentRow & { id: string; status: ShipmentStatus; createdAt: Date };
  events: (NewTrackingEventRow & { id: string; status: ShipmentStatus; occurredAt: Date })[];
}

/** A step of the walk through the state machine; `progress` is the fraction of the route covered. */
interface Step {
  status: ShipmentStatus;
  progress: number;
  note: string | null;
}

const EXCEPTION_NOTES = [
  'Held at customs',
  'Address not found',
  'Damaged packaging, repacked',
  'Road closed',
];

/** Every demo shipment with its tracking history; pure, so the seed and the tests see the same world. */
export function demoShipments(): DemoShipment[] {
  const out: DemoShipment[] = [];
  for (let i = 0; i < DEMO.orders; i++) {
    const order = demoOrder(i);
    for (let part = 0; part < order.shipmentCount; part++) out.push(demoShipment(order, part));
  }
  return out;
}

/** How many demo shipments there are, without building them (the seed's fast path). */
export function demoShipmentCount(): number {
  let total = 0;
  for (let i = 0; i < DEMO.orders; i++) total += demoOrder(i).shipmentCount;
  return total;
}

function demoShipment(order: DemoOrder, part: number): DemoShipment {
  // One RNG per shipment: changing one shipment's recipe does not reshuffle all the others.
  const rng = createRng(DEMO.seed ^ Math.imul(order.index * 4 + part + 1, 0x85ebca6b));
  const status = targetStatus(order, rng);
  const origin = rng.pick(CITIES);
  const destination = rng.pick(CITIES.filter((city) => city !== origin));
  const steps = walk(status, rng);
  // Part 2 gets its label after part 1, so an order's shipments list in part order.
  let at = order.createdAt.getTime() + part * 13 * HOUR + rng.int(1, 12) * HOUR;
  const id = demoShipmentId(order.index, part);
  const events = steps.map((step, n) => {
    if (n > 0) at += rng.int(2 * 60, 18 * 60) * 60_000;
    return {
      id: demoId(`tracking-event:${part}:${n}`, order.index),
      shipmentId: id,
      status: step.status,
      ...along(origin, destination, step.progress),
      note: step.note,
      occurredAt: new Date(at),
    };
  });
  const first = events[0]!;
  const last = events.at(-1)!;
  return {
    shipment: {
      id,
      trackingNumber: demoTrackingNumber(order.index, part),
      orderId: order.id,
      customerId: order.customerId,
      vehicleId: status === 'LABEL_CREATED' ? null : demoVehicleId(rng.int(0, DEMO.vehicles - 1)),
      status,
      originName: origin.name,
      originLat: origin.lat,
      originLng: origin.lng,
      destinationName: destination.name,
      destinationLat: destination.lat,
      destinationLng: destination.lng,
      lastLat: last.lat,
      lastLng: last.lng,
      estimatedDeliveryAt: new Date(first.occurredAt.getTime() + rng.int(2, 5) * DAY),
      createdAt: first.occurredAt,
      updatedAt: last.occurredAt,
    },
    events,
  };
}

function targetStatus(order: DemoOrder, rng: Rng): ShipmentStatus {
  if (order.status === 'CONFIRMED') return 'LABEL_CREATED';
  if (order.status === 'DELIVERED') return 'DELIVERED';
  const roll = rng.next();
  return roll < 0.15
    ? 'PICKED_UP'
    : roll < 0.7
      ? 'IN_TRANSIT'
      : roll < 0.88
        ? 'OUT_FOR_DELIVERY'
        : 'EXCEPTION';
}

/** A legal path from LABEL_CREATED to `target`, with the odd exception and failed attempt on the way. */
function walk(target: ShipmentStatus, rng: Rng): Step[] {
  const steps: Step[] = [{ status: 'LABEL_CREATED', progress: 0, note: null }];
  const push = (status: ShipmentStatus, progress: number, note: string | null = null) =>
    steps.push({ status, progress, note });
  if (target === 'LABEL_CREATED') return steps;
  push('PICKED_UP', 0);
  if (target === 'PICKED_UP') return steps;
  if (target === 'EXCEPTION' && rng.chance(0.25)) {
    push('EXCEPTION', 0, rng.pick(EXCEPTION_NOTES));
    return steps;
  }
  const hops = rng.int(1, 4);
  for (let k = 0; k < hops; k++) {
    const progress = 0.15 + (0.7 * k) / Math.max(hops - 1, 1);
    push('IN_TRANSIT', progress);
    if (k === 0 && target !== 'EXCEPTION' && rng.chance(0.08)) {
      push('EXCEPTION', progress, rng.pick(EXCEPTION_NOTES));
      push('IN_TRANSIT', progress, 'Exception resolved');
    }
  }
  const reached = steps.at(-1)!.progress;
  if (target === 'IN_TRANSIT') return steps;
  if (target === 'EXCEPTION') {
    push('EXCEPTION', reached, rng.pick(EXCEPTION_NOTES));
    return steps;
  }
  push('OUT_FOR_DELIVERY', 0.95);
  if (rng.chance(0.1)) {
    push('IN_TRANSIT', 0.9, 'Delivery attempt failed, back to depot');
    push('OUT_FOR_DELIVERY', 0.95);
  }
  if (target === 'OUT_FOR_DELIVERY') return steps;
  push('DELIVERED', 1);
  return steps;
}

function along(from: City, to: City, progress: number): { lat: number; lng: number } {
  const round = (value: number) => Math.round(value * 100_000) / 100_000;
  return {
    lat: round(from.lat + (to.lat - from.lat) * progress),
    lng: round(from.lng + (to.lng - from.lng) * progress),
  };
}
