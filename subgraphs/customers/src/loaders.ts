import {
  anyUuid,
  byId,
  type Db,
  preparedOnce,
  scopeCondition,
  scopeValue,
  uuidKeys,
  type Viewer,
} from '@freightgraph/platform';
import DataLoader from 'dataloader';
import { and } from 'drizzle-orm';
import { customerScope } from './access';
import { type CustomerRow, customers, type Schema } from './db/schema';

/**
 * Fresh loaders for one request and viewer: batching within it, no cache shared across requests or
 * users, and only the rows the viewer may see (others load as null, like unknown ids).
 */
export function createLoaders(db: Db<Schema>, viewer: Viewer) {
  const scope = customerScope(viewer);
  const params = scopeValue(scope);
  // Prepared once per store and row-rule kind: drizzle does not rebuild its SQL on every batch.
  const byIds = preparedOnce(db, `customer:${scope.kind}`, () =>
    db
      .select()
      .from(customers)
      .where(and(anyUuid(customers.id, 'keys'), scopeCondition(scope, { self: customers.id })))
      .prepare(`customers_by_id_${scope.kind}`),
  );
  return {
    customer: new DataLoader<string, CustomerRow | null>(async (ids) => {
      const valid = uuidKeys(ids);
      const rows = valid.length ? await byIds.execute({ keys: valid, ...params }) : [];
      return byId(ids, rows);
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
