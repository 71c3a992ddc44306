import { byId, type Db, uuidKeys } from '@freightgraph/platform';
import DataLoader from 'dataloader';
import { inArray } from 'drizzle-orm';
import { type Schema, type VehicleRow, vehicles } from './db/schema';

/** Fresh loaders for one request: batching within it, no cache shared across requests or users. */
export function createLoaders(db: Db<Schema>) {
  return {
    vehicle: new DataLoader<string, VehicleRow | null>(async (ids) => {
      const valid = uuidKeys(ids);
      const rows = valid.length ? await db.select().from(vehicles).where(inArray(vehicles.id, valid)) : [];
      return byId(ids, rows);
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
