import {
  anyUuid,
  byId,
  byKey,
  type Db,
  groupByKey,
  type Keyset,
  partition,
  preparedOnce,
  type RowScope,
  scopeCondition,
  scopeValue,
  uuidKeys,
  type Viewer,
} from '@freightgraph/platform';
import DataLoader from 'dataloader';
import { and, asc, count, getTableColumns, inArray, lte, type SQL, sql } from 'drizzle-orm';
import { olderThan } from './db/keyset';
import {
  type FulfillmentStepRow,
  fulfillmentSteps,
  type OrderLineRow,
  type OrderRow,
  orderLines,
  orders,
  type Schema,
} from './db/schema';
import { orderScope, visibleOrders } from './domain/access';

/**
 * The fixed-shape loader statements, prepared once per store and row-rule kind (keys and the rule's
 * value are parameters), so drizzle does not rebuild their SQL on every batch.
 */
function statements(db: Db<Schema>, scope: RowScope<'customer'>) {
  const visible = scopeCondition(scope, { customer: orders.customerId });
  const kind = scope.kind;
  return {
    order: () =>
      preparedOnce(db, `order:${kind}`, () =>
        db
          .select()
          .from(orders)
          .where(and(anyUuid(orders.id, 'keys'), visible))
          .prepare(`orders_by_id_${kind}`),
      ),
    lines: () =>
      preparedOnce(db, 'lines', () =>
        db
          .select()
          .from(orderLines)
          .where(anyUuid(orderLines.orderId, 'keys'))
          .orderBy(asc(orderLines.orderId), asc(orderLines.position))
          .prepare('orders_lines'),
      ),
    steps: () =>
      preparedOnce(db, 'steps', () =>
        db
          .select()
          .from(fulfillmentSteps)
          .where(anyUuid(fulfillmentSteps.orderId, 'keys'))
          // Commit order, as `orderUpdates` streams them: the last one's cursor is where a subscription follows on.
          .orderBy(asc(fulfillmentSteps.orderId), asc(fulfillmentSteps.seq))
          .prepare('orders_steps'),
      ),
    count: () =>
      preparedOnce(db, `count:${kind}`, () =>
        db
          .select({ customerId: orders.customerId, n: count() })
          .from(orders)
          .where(and(anyUuid(orders.customerId, 'keys'), visible))
          .groupBy(orders.customerId)
          .prepare(`orders_count_${kind}`),
      ),
  };
}

/** One page of one customer's orders; `first`/`after` are already validated by `parsePage`. */
export interface CustomerOrdersKey {
  customerId: string;
  first: number;
  after: Keyset | null;
}

const pageKey = ({ first, after }: CustomerOrdersKey) =>
  `${first}|${after ? `${after.createdAt.toISOString()}|${after.id}` : ''}`;

// Keys may be malformed or upper-case (see uuidKeys); grouping keys are lower-cased like the rows.
const lower = (ids: readonly string[]) => ids.map((id) => id.toLowerCase());

/**
 * Fresh loaders for one request and viewer: batching within it, no cache shared across requests or
 * users, and only the orders the viewer may see (others load as null or empty lists).
 */
export function createLoaders(db: Db<Schema>, viewer: Viewer) {
  const visible = visibleOrders(viewer);
  const scope = orderScope(viewer);
  const prepared = statements(db, scope);
  const params = scopeValue(scope);
  return {
    order: new DataLoader<string, OrderRow | null>(async (ids) => {
      const valid = uuidKeys(ids);
      const rows = valid.length ? await prepared.order().execute({ keys: valid, ...params }) : [];
      return byId(ids, rows);
    }),

    lines: new DataLoader<string, OrderLineRow[]>(async (orderIds) => {
      const valid = uuidKeys(orderIds);
      const rows = valid.length ? await prepared.lines().execute({ keys: valid }) : [];
      return groupByKey(lower(orderIds), rows, (row) => row.orderId);
    }),

    /** An order's fulfilment steps, oldest first; only ever asked for an order already visible. */
    steps: new DataLoader<string, FulfillmentStepRow[]>(async (orderIds) => {
      const valid = uuidKeys(orderIds);
      const rows = valid.length ? await prepared.steps().execute({ keys: valid }) : [];
      return groupByKey(lower(orderIds), rows, (row) => row.orderId);
    }),

    customerOrders: new DataLoader<CustomerOrdersKey, OrderRow[], string>(
      async (keys) => {
        // One windowed query per distinct (first, after): each customer gets its own first + 1 rows.
        const pages = new Map<CustomerOrdersKey, OrderRow[]>();
        const groups = [...partition(keys, pageKey).values()];
        await Promise.all(
          groups.map(async (group) => {
            const { first, after } = group[0]!; // partition never yields an empty group
            const customerIds = group.map((key) => key.customerId);
            const rows = await customerPages(db, uuidKeys(customerIds), first, after, visible);
            const perCustomer = groupByKey(lower(customerIds), rows, (row) => row.customerId);
            for (const [i, key] of group.entries()) pages.set(key, perCustomer[i] ?? []);
          }),
        );
        return keys.map((key) => pages.get(key) ?? []);
      },
      { cacheKeyFn: (key) => `${key.customerId.toLowerCase()}|${pageKey(key)}` },
    ),

    customerOrderCount: new DataLoader<string, number>(async (customerIds) => {
      const valid = uuidKeys(customerIds);
      const rows = valid.length ? await prepared.count().execute({ keys: valid, ...params }) : [];
      return byKey(lower(customerIds), rows, (row) => row.customerId).map((row) => row?.n ?? 0);
    }),
  };
}

async function customerPages(
  db: Db<Schema>,
  customerIds: string[],
  first: number,
  after: Keyset | null,
  visible: SQL | undefined,
): Promise<OrderRow[]> {
  if (customerIds.length === 0) return [];
  const ranked = db
    .select({
      ...getTableColumns(orders),
      rank: sql<number>`row_number() over (partition by ${orders.customerId} order by ${orders.createdAt} desc, ${orders.id} desc)`.as(
        'rank',
      ),
    })
    .from(orders)
    .where(and(inArray(orders.customerId, customerIds), olderThan(after), visible))
    .as('ranked');
  const rows = await db
    .select()
    .from(ranked)
    .where(lte(ranked.rank, first + 1))
    .orderBy(asc(ranked.customerId), asc(ranked.rank));
  return rows.map(({ rank: _rank, ...row }) => row);
}

export type Loaders = ReturnType<typeof createLoaders>;
