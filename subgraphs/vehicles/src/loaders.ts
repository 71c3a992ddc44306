import { byKey, type Db, isUuid } from '@freightgraph/platform';
import DataLoader from 'dataloader';
import { inArray } from 'drizzle-orm';
import { type Schema, type VehicleRow, vehicles } from './db/schema';

/** Fresh loaders for one request: batching within it, no cache shared across requests or users. */
export function createLoaders(db: Db<Schema>) {
  return {
    vehicle: new DataLoader<string, VehicleRow | null>(async (ids) => {
      // Malformed ids (from `_entities`) cannot exist, and a uuid column errors on them: keep them out.
      // Valid ones are lowercased, as the store prints them, so an upper-case key still finds its row.
      const keys = ids.map((id) => (isUuid(id) ? id.toLowerCase() : null));
      const valid = [...new Set(keys.filter((key) => key !== null))];
      const rows = valid.length ? await db.select().from(vehicles).where(inArray(vehicles.id, valid)) : [];
      return byKey(keys, rows, (row) => row.id);
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
