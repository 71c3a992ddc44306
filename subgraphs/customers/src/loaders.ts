import { byKey, type Db, isUuid } from '@freightgraph/platform';
import DataLoader from 'dataloader';
import { inArray } from 'drizzle-orm';
import { type CustomerRow, customers, type Schema } from './db/schema';

/** Fresh loaders for one request: batching within it, no cache shared across requests or users. */
export function createLoaders(db: Db<Schema>) {
  return {
    customer: new DataLoader<string, CustomerRow | null>(async (ids) => {
      // Malformed ids (from `_entities`) cannot exist; keep them out of the uuid comparison.
      const valid = ids.filter(isUuid);
      const rows = valid.length ? await db.select().from(customers).where(inArray(customers.id, valid)) : [];
      return byKey(ids, rows, (row) => row.id);
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
