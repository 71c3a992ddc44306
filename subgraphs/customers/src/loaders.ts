import { byId, type Db, uuidKeys, type Viewer } from '@freightgraph/platform';
import DataLoader from 'dataloader';
import { and, inArray } from 'drizzle-orm';
import { visibleCustomers } from './access';
import { type CustomerRow, customers, type Schema } from './db/schema';

/**
 * Fresh loaders for one request and viewer: batching within it, no cache shared across requests or
 * users, and only the rows the viewer may see (others load as null, like unknown ids).
 */
export function createLoaders(db: Db<Schema>, viewer: Viewer) {
  const visible = visibleCustomers(viewer);
  return {
    customer: new DataLoader<string, CustomerRow | null>(async (ids) => {
      const valid = uuidKeys(ids);
      const rows = valid.length
        ? await db
            .select()
            .from(customers)
            .where(and(inArray(customers.id, valid), visible))
        : [];
      return byId(ids, rows);
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
