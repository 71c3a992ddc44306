import { forbidden, type RowScope, type Viewer } from '@freightgraph/platform';
import { eq, type SQL, sql } from 'drizzle-orm';
import { orders } from '../db/schema';

/**
 * Row-level rule: which orders the viewer may see, as a WHERE condition every query adds (undefined:
 * all). A customer sees only their own orders; a role without orders:read sees none.
 */
export function visibleOrders(viewer: Viewer): SQL | undefined {
  if (viewer.role === 'customer') {
    return viewer.customerId ? eq(orders.customerId, viewer.customerId) : sql`false`;
  }
  return viewer.scopes.includes('orders:read') ? undefined : sql`false`;
}

/** The same rule as data, for prepared statements: one customer's orders, all, or none. */
export function orderScope(viewer: Viewer): RowScope<'customer'> {
  if (viewer.role === 'customer')
    return viewer.customerId ? { kind: 'customer', value: viewer.customerId } : { kind: 'none' };
  return viewer.scopes.includes('orders:read') ? { kind: 'all' } : { kind: 'none' };
}

/** Writes on behalf of a customer: a customer may only act for themselves. */
export function checkActsFor(viewer: Viewer, customerId: string): void {
  if (viewer.role === 'customer' && viewer.customerId !== customerId) {
    throw forbidden('A customer may only place and cancel their own orders');
  }
}
