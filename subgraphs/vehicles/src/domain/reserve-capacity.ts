import { randomUUID } from 'node:crypto';
import { type Db, type LatLng, queryRows } from '@freightgraph/platform';
import { and, eq, type SQL, sql } from 'drizzle-orm';
import { type ReservationRow, reservations, type Schema, vehicles } from '../db/schema';
import { fittingKinds, toGrams } from './fitting-kinds';

export interface ReservationRequest {
  shipmentId: string;
  orderId: string;
  weightKg: number;
  /** Where the shipment starts: the vehicle nearest to it is chosen. */
  origin: LatLng;
}

export type ReservationOutcome =
  | { kind: 'reserved'; reservation: ReservationRow; vehicleId: string; distanceKm: number }
  | { kind: 'failed'; reservation: ReservationRow }
  /** The shipment already has an outcome (a redelivery, or a cancellation that came first). */
  | { kind: 'known'; reservation: ReservationRow };

type Candidate = { id: string; distance_m: number };

/**
 * The query for the nearest AVAILABLE vehicle of a fitting kind whose free capacity holds `grams`, locked for this
 * transaction. `skipLocked`: vehicles other reservations are holding right now are passed over rather
 * than waited for. The ORDER BY is a KNN scan of the GiST index on ll_to_earth(lat, lng); chord
 * distance (`<->`) orders like great-circle distance, which `earth_distance` then reports.
 */
export function nearestFreeQuery(request: ReservationRequest, grams: number, skipLocked: boolean): SQL {
  const kinds = fittingKinds(request.weightKg);
  const here = sql`ll_to_earth(${request.origin.lat}, ${request.origin.lng})`;
  return sql`
    select id, earth_distance(ll_to_earth(lat, lng), ${here}) as distance_m
    from vehicles
    where status = 'AVAILABLE' and lat is not null
      and kind in (${sql.join(
        kinds.map((kind) => sql`${kind}`),
        sql`, `,
      )})
      and capacity_kg::bigint * 1000 - reserved_grams >= ${grams}
    order by ll_to_earth(lat, lng) <-> ${here}
    limit 1
    for update ${skipLocked ? sql`skip locked` : sql``}`;
}

async function nearestFree(
  tx: Db<Schema>,
  request: ReservationRequest,
  grams: number,
  skipLocked: boolean,
): Promise<Candidate | undefined> {
  const [candidate] = await queryRows<Candidate>(tx, nearestFreeQuery(request, grams, skipLocked));
  return candidate;
}

/**
 * Reserves capacity for a shipment, atomically: the vehicle row is locked, the reservation added by a
 * conditional UPDATE (and a CHECK that reserved never exceeds capacity), the outcome recorded once per
 * shipment. Runs inside the consumer's transaction.
 */
export async function reserveCapacity(
  tx: Db<Schema>,
  request: ReservationRequest,
): Promise<ReservationOutcome> {
  const [known] = await tx.select().from(reservations).where(eq(reservations.shipmentId, request.shipmentId));
  if (known) return { kind: 'known', reservation: known };
  const grams = toGrams(request.weightKg);
  // First pass skips vehicles other transactions hold; when every candidate is held, the second waits
  // for one and re-checks it after their commit (it may be full by then: try again).
  for (const skipLocked of [true, false, false]) {
    const candidate = await nearestFree(tx, request, grams, skipLocked);
    if (!candidate) {
      if (skipLocked) continue;
      break;
    }
    const [vehicle] = await tx
      .update(vehicles)
      .set({ reservedGrams: sql`${vehicles.reservedGrams} + ${grams}` })
      .where(
        and(
          eq(vehicles.id, candidate.id),
          sql`${vehicles.capacityKg}::bigint * 1000 - ${vehicles.reservedGrams} >= ${grams}`,
        ),
      )
      .returning({ id: vehicles.id });
    if (!vehicle) continue;
    const [reservation] = await tx
      .insert(reservations)
      .values({
        id: randomUUID(),
        ...ids(request),
        vehicleId: vehicle.id,
        weightGrams: grams,
        status: 'ACTIVE',
      })
      .returning();
    if (!reservation) throw new Error('insert into vehicle_reservations returned no row');
    return {
      kind: 'reserved',
      reservation,
      vehicleId: vehicle.id,
      distanceKm: Number(candidate.distance_m) / 1000,
    };
  }
  const [reservation] = await tx
    .insert(reservations)
    .values({ id: randomUUID(), ...ids(request), vehicleId: null, weightGrams: grams, status: 'FAILED' })
    .returning();
  if (!reservation) throw new Error('insert into vehicle_reservations returned no row');
  return { kind: 'failed', reservation };
}

const ids = (request: ReservationRequest) => ({ shipmentId: request.shipmentId, orderId: request.orderId });
