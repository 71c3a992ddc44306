import { byId, type Db, uuidKeys, type Viewer } from '@freightgraph/platform';
import DataLoader from 'dataloader';
import { and, inArray } from 'drizzle-orm';
import { visibleVehicles } from './access';
import { type Schema, type VehicleRow, vehicles } from './db/schema';

/**
 * Fresh loaders for one request and viewer: batching within it, no cache shared across requests or
 * users, and only the vehicles the viewer may see (others load as null, like unknown ids).
 */
export function createLoaders(db: Db<Schema>, viewer: Viewer) {
  const visible = visibleVehicles(viewer);
  return {
    vehicle: new DataLoader<string, VehicleRow | null>(async (ids) => {
      const valid = uuidKeys(ids);
      const rows = valid.length
        ? await db
            .select()
            .from(vehicles)
            .where(and(inArray(vehicles.id, valid), visible))
        : [];
      return byId(ids, rows);
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
