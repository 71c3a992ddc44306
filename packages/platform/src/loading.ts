import { isUuid } from './ids';

/**
 * Helpers for DataLoader batch functions: one `WHERE key IN (...)` query, then rows mapped back to the
 * order of the keys DataLoader asked for.
 */

/** One row per key, `null` where the store has none. */
export function byKey<K, R>(keys: readonly K[], rows: readonly R[], keyOf: (row: R) => K): (R | null)[] {
  const index = new Map<K, R>();
  for (const row of rows) index.set(keyOf(row), row);
  return keys.map((key) => index.get(key) ?? null);
}

/** All rows per key, `[]` where the store has none; row order is kept. */
export function groupByKey<K, R>(keys: readonly K[], rows: readonly R[], keyOf: (row: R) => K): R[][] {
  const index = new Map<K, R[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const list = index.get(key);
    if (list) list.push(row);
    else index.set(key, [row]);
  }
  return keys.map((key) => index.get(key) ?? []);
}

/** Groups loader keys that share everything but the parent id (e.g. same `first`/`after`). */
export function partition<K>(keys: readonly K[], groupOf: (key: K) => string): Map<string, K[]> {
  const groups = new Map<string, K[]>();
  for (const key of keys) {
    const group = groupOf(key);
    const list = groups.get(group);
    if (list) list.push(key);
    else groups.set(group, [key]);
  }
  return groups;
}

/**
 * Distinct, lower-cased, well-formed UUIDs among loader keys. Representations may carry malformed or
 * upper-case ids: a uuid column errors on bad text, and rows come back lower-case.
 */
export function uuidKeys(ids: readonly string[]): string[] {
  return [...new Set(ids.filter(isUuid).map((id) => id.toLowerCase()))];
}

/** `byKey` for id-keyed rows, matching keys case-insensitively like `uuidKeys`. */
export function byId<R extends { id: string }>(ids: readonly string[], rows: readonly R[]): (R | null)[] {
  return byKey(
    ids.map((id) => id.toLowerCase()),
    rows,
    (row) => row.id,
  );
}
