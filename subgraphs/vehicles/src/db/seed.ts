import { chunks, createRng, type Db, DEMO, demoVehicleId, type Rng } from '@freightgraph/platform';
import { count } from 'drizzle-orm';
import { type Schema, type VehicleRow, vehicles } from './schema';

type Kind = VehicleRow['kind'];
type Status = VehicleRow['status'];

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Typical payloads by kind, [min, max, step] in kg. */
const CAPACITY: Record<Kind, [number, number, number]> = {
  CARGO_BIKE: [120, 200, 10],
  VAN: [900, 1_500, 50],
  BOX_TRUCK: [6_000, 9_000, 250],
  ARTICULATED_TRUCK: [22_000, 26_000, 500],
};

// Cargo bikes work city centres only; lorries range wider, including the continental lanes.
type LatLng = readonly [lat: number, lng: number];
const UK_CITIES: readonly LatLng[] = [
  [51.5072, -0.1276], // London
  [52.4862, -1.8904], // Birmingham
  [53.4808, -2.2426], // Manchester
  [53.8008, -1.5491], // Leeds
  [55.8642, -4.2518], // Glasgow
  [51.4545, -2.5879], // Bristol
  [55.9533, -3.1883], // Edinburgh
];
const EU_CITIES: readonly LatLng[] = [
  [51.9244, 4.4777], // Rotterdam
  [51.2194, 4.4025], // Antwerp
  [50.6292, 3.0573], // Lille
  [48.8566, 2.3522], // Paris
  [53.5511, 9.9937], // Hamburg
];

// UK plates never use I, Q or Z in the random part, nor I, Q, Z in the area code.
const LETTERS = [...'ABCDEFGHJKLMNOPRSTUVWXY'];
const AREAS = ['LA', 'LB', 'LC', 'MA', 'MB', 'BD', 'BF', 'YA', 'YB', 'SA', 'SF', 'WA', 'KX', 'GL', 'EF'];
const AGES = ['19', '69', '20', '70', '21', '71', '22', '72', '23', '73', '24', '74', '25', '75'];

function kindOf(rng: Rng): Kind {
  const roll = rng.next();
  return roll < 0.45 ? 'VAN' : roll < 0.7 ? 'BOX_TRUCK' : roll < 0.85 ? 'ARTICULATED_TRUCK' : 'CARGO_BIKE';
}

function statusOf(rng: Rng): Status {
  const roll = rng.next();
  return roll < 0.65 ? 'ON_ROUTE' : roll < 0.9 ? 'AVAILABLE' : 'MAINTENANCE';
}

/** A current-style UK plate, e.g. `LB72 XKT`, never one already issued in this fleet. */
function registration(rng: Rng, taken: Set<string>): string {
  for (;;) {
    const tail = Array.from({ length: 3 }, () => rng.pick(LETTERS)).join('');
    const plate = `${rng.pick(AREAS)}${rng.pick(AGES)} ${tail}`;
    if (!taken.has(plate)) {
      taken.add(plate);
      return plate;
    }
  }
}

function position(rng: Rng, kind: Kind): { lat: number; lng: number } {
  const bike = kind === 'CARGO_BIKE';
  const [lat, lng] = rng.pick(bike || rng.chance(0.7) ? UK_CITIES : EU_CITIES);
  const spread = bike ? 0.03 : 0.25;
  const jitter = () => (rng.next() * 2 - 1) * spread;
  // Five decimals is about a metre, what a GPS unit reports.
  const round = (value: number) => Math.round(value * 1e5) / 1e5;
  return { lat: round(lat + jitter()), lng: round(lng + jitter()) };
}

/** How long ago a vehicle last reported, by what it is doing. */
function lastReport(rng: Rng, status: Status): number {
  if (status === 'ON_ROUTE') return rng.int(1, 15 * 60) * 1_000;
  if (status === 'AVAILABLE') return rng.int(1, 48) * HOUR;
  return rng.int(2, 30) * DAY;
}

export function demoVehicles() {
  // Its own stream, so adding customers or orders never changes the fleet.
  const rng = createRng(DEMO.seed ^ 0x5e41c1e5);
  const taken = new Set<string>();
  return Array.from({ length: DEMO.vehicles }, (_, i) => {
    const kind = kindOf(rng);
    const status = statusOf(rng);
    const [min, max, step] = CAPACITY[kind];
    // Delivered in batches of four on one day: equal createdAt values keep the id tie-break honest.
    const createdAt = new Date(DEMO.epoch - 900 * DAY + Math.floor(i / 4) * 45 * DAY + 9 * HOUR);
    // Units in the workshop may have their tracker unplugged; everything else reports.
    const tracked = status !== 'MAINTENANCE' || rng.chance(0.5);
    const positionUpdatedAt = tracked ? new Date(DEMO.epoch - lastReport(rng, status)) : null;
    return {
      id: demoVehicleId(i),
      registration: registration(rng, taken),
      kind,
      capacityKg: min + rng.int(0, (max - min) / step) * step,
      status,
      ...(tracked ? position(rng, kind) : { lat: null, lng: null }),
      positionUpdatedAt,
      createdAt,
      updatedAt: positionUpdatedAt ?? createdAt,
    };
  });
}

/** Deterministic and idempotent: the same rows every time, inserted only where missing. */
export async function seed(db: Db<Schema>): Promise<number> {
  const [existing] = await db.select({ n: count() }).from(vehicles);
  if ((existing?.n ?? 0) >= DEMO.vehicles) return 0;
  let inserted = 0;
  for (const chunk of chunks(demoVehicles())) {
    const result = await db
      .insert(vehicles)
      .values(chunk)
      .onConflictDoNothing()
      .returning({ id: vehicles.id });
    inserted += result.length;
  }
  return inserted;
}
