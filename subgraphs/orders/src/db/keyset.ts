import type { Keyset } from '@freightgraph/platform';
import { desc, type SQL, sql } from 'drizzle-orm';
import { orders } from './schema';

/** Rows strictly after the cursor in "newest first" order; a row comparison the (…, created_at, id) indexes serve. */
export function olderThan(after: Keyset | null): SQL | undefined {
  return after ? sql`(${orders.createdAt}, ${orders.id}) < (${after.createdAt}, ${after.id})` : undefined;
}

export const newestFirst = [desc(orders.createdAt), desc(orders.id)] as const;
