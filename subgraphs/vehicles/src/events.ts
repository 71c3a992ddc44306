import type { Logger, PubSub } from '@freightgraph/platform';
import { z } from 'zod';
import { VEHICLE_KINDS, VEHICLE_STATUSES, type VehicleRow } from './db/schema';

/** One topic per vehicle, plus one carrying every vehicle for unfiltered subscribers. */
export const positionTopics = {
  vehicle: (vehicleId: string) => `vehicle-position:${vehicleId}`,
  all: 'vehicle-position:*',
};

// A published row once it has been through JSON: timestamps are strings there.
const vehicleMessage = z.object({
  id: z.string(),
  registration: z.string(),
  kind: z.enum(VEHICLE_KINDS),
  capacityKg: z.number().int(),
  status: z.enum(VEHICLE_STATUSES),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  positionUpdatedAt: z.coerce.date().nullable(),
  reservedGrams: z.number().int(),
  createdAt: z.coerce.date(),
  updatedAt: z.coerce.date(),
}) satisfies z.ZodType<VehicleRow>;

export function vehicleFrom(message: unknown): VehicleRow {
  return vehicleMessage.parse(message);
}

/** Publishes a committed position; a failure is logged, not thrown: the report itself succeeded. */
export async function publishPosition(pubsub: PubSub, logger: Logger, vehicle: VehicleRow): Promise<void> {
  try {
    await Promise.all([
      pubsub.publish(positionTopics.vehicle(vehicle.id), vehicle),
      pubsub.publish(positionTopics.all, vehicle),
    ]);
  } catch (error) {
    logger.error({ err: error, vehicleId: vehicle.id }, 'position stored but not published');
  }
}
