import { type SQL, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';

// drizzle rebuilds a statement's SQL text on every call (13–17% of a subgraph's CPU on the many-users
// dashboard); a prepared query builds it once. Kept per store, since a prepared query is bound to its db.
const cache = new WeakMap<object, Map<string, unknown>>();

/** The prepared query `key` of `db`, made by `make` the first time it is asked for. */
export function preparedOnce<T>(db: object, key: string, make: () => T): T {
  let queries = cache.get(db);
  if (!queries) {
    queries = new Map();
    cache.set(db, queries);
  }
  let query = queries.get(key) as T | undefined;
  if (query === undefined) {
    query = make();
    queries.set(key, query);
  }
  return query;
}

/**
 * `column = any($name::uuid[])`: one statement for any number of keys (`inArray` inlines one parameter
 * per key, so its SQL text changes with the batch size and cannot be prepared once).
 */
export function anyUuid(column: PgColumn, name: string): SQL {
  return sql`${column} = any(${sql.placeholder(name)}::uuid[])`;
}

/** `column = any($name::text[])`, for text keys. */
export function anyText(column: PgColumn, name: string): SQL {
  return sql`${column} = any(${sql.placeholder(name)}::text[])`;
}

/**
 * A viewer's row rule as data, so its SQL shape is fixed per kind and its value is a parameter:
 * every row, no row, or the rows whose `column` equals `value`.
 */
export type RowScope<K extends string> = { kind: 'all' } | { kind: 'none' } | { kind: K; value: string };

/** The WHERE condition of a scope with its value as the placeholder `scope` (undefined: every row). */
export function scopeCondition<K extends string>(
  scope: RowScope<K>,
  columns: Record<K, PgColumn>,
): SQL | undefined {
  if (scope.kind === 'all') return undefined;
  if (scope.kind === 'none') return sql`false`;
  return sql`${columns[scope.kind as K]} = ${sql.placeholder('scope')}`;
}

/** The placeholder values of a scope (`scope` only when the condition has one). */
export function scopeValue<K extends string>(scope: RowScope<K>): { scope?: string } {
  return 'value' in scope ? { scope: scope.value } : {};
}
