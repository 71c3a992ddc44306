import { demoId } from './ids';
import { createRng } from './rng';

/**
 * The demo world. Each subgraph seeds only its own store, but all of them derive ids and cross-subgraph
 * facts (which customer placed order i, which orders shipped) from these functions, so the graph is
 * consistent without the seeds talking to each other.
 */
export const DEMO = {
  seed: 20_261_126,
  customers: 240,
  orders: 2_400,
  vehicles: 60,
  /** Demo timestamps count back from here, so every run produces the same rows. */
  epoch: Date.parse('2026-11-01T00:00:00.000Z'),
} as const;

export type DemoOrderStatus = 'PENDING' | 'CONFIRMED' | 'SHIPPED' | 'DELIVERED' | 'CANCELLED';

export interface DemoOrder {
  index: number;
  id: string;
  number: string;
  customerId: string;
  status: DemoOrderStatus;
  createdAt: Date;
  /** How many shipments the order was split into (0 before confirmation or when cancelled). */
  shipmentCount: number;
}

const DAY = 86_400_000;

/** The i-th demo order, the same for the orders and the shipments seed. */
export function demoOrder(index: number): DemoOrder {
  const rng = createRng(DEMO.seed ^ Math.imul(index + 1, 0x9e3779b1));
  const roll = rng.next();
  const status: DemoOrderStatus =
    roll < 0.05
      ? 'PENDING'
      : roll < 0.1
        ? 'CANCELLED'
        : roll < 0.2
          ? 'CONFIRMED'
          : roll < 0.6
            ? 'SHIPPED'
            : 'DELIVERED';
  const shipped = status !== 'PENDING' && status !== 'CANCELLED';
  return {
    index,
    id: demoId('order', index),
    number: `FG-${String(100_000 + index)}`,
    customerId: demoId('customer', rng.int(0, DEMO.customers - 1)),
    status,
    createdAt: new Date(DEMO.epoch - rng.int(0, 120 * DAY)),
    shipmentCount: shipped ? (rng.chance(0.15) ? 2 : 1) : 0,
  };
}

export function demoCustomerId(index: number): string {
  return demoId('customer', index);
}

export function demoVehicleId(index: number): string {
  return demoId('vehicle', index);
}

export function demoShipmentId(orderIndex: number, part: number): string {
  return demoId(`shipment:${part}`, orderIndex);
}

/**
 * The tracking number of a demo shipment (part `part` of demo order `orderIndex`): `FG` + 10 digits.
 * Multiplying by a number coprime to 10^10 permutes 0..10^10-1, so distinct inputs give distinct (and
 * random-looking) numbers.
 */
export function demoTrackingNumber(orderIndex: number, part: number): string {
  return trackingNumberOf(orderIndex * 4 + part);
}

/**
 * The tracking number with serial `n`: a bijection of 0..10^10, so serials never collide. Demo
 * shipments use `orderIndex * 4 + part`; shipments the saga creates count on from above that range.
 */
export function trackingNumberOf(n: number): string {
  const digits = (n * 3_781_927_461 + 1_234_567_891) % 10_000_000_000;
  return `FG${String(digits).padStart(10, '0')}`;
}

/** Rows are inserted in chunks so one statement never carries tens of thousands of parameters. */
export function chunks<T>(items: readonly T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
