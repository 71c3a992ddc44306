import type { RowScope, Viewer } from '@freightgraph/platform';
import { eq, type SQL, sql } from 'drizzle-orm';
import { customers } from './db/schema';

/**
 * Row-level rule: which customer rows the viewer may see, as a WHERE condition every query adds
 * (undefined: all). A customer sees only their own record; nobody else without the scope sees any.
 */
export function visibleCustomers(viewer: Viewer): SQL | undefined {
  if (viewer.role === 'customer') return viewer.customerId ? eq(customers.id, viewer.customerId) : sql`false`;
  return viewer.scopes.includes('customers:read') ? undefined : sql`false`;
}

/** The same rule as data, for prepared statements: one customer's own record, all, or none. */
export function customerScope(viewer: Viewer): RowScope<'self'> {
  if (viewer.role === 'customer')
    return viewer.customerId ? { kind: 'self', value: viewer.customerId } : { kind: 'none' };
  return viewer.scopes.includes('customers:read') ? { kind: 'all' } : { kind: 'none' };
}
