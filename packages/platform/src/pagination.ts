import { badUserInput } from './errors';
import { isUuid } from './ids';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

/** Position of a row in a keyset ordered by (createdAt, id). */
export interface Keyset {
  createdAt: Date;
  id: string;
}

export interface PageArgs {
  first?: number | null | undefined;
  after?: string | null | undefined;
}

export interface Page {
  first: number;
  after: Keyset | null;
}

/** Validates `first`/`after` and decodes the cursor; both are user input. */
export function parsePage(args: PageArgs, defaultSize = DEFAULT_PAGE_SIZE): Page {
  const first = args.first ?? defaultSize;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw badUserInput('first', `must be between 1 and ${MAX_PAGE_SIZE}`);
  }
  return { first, after: args.after == null ? null : decodeCursor(args.after, 'after') };
}

export function encodeCursor(row: Keyset): string {
  return Buffer.from(`${row.createdAt.toISOString()}|${row.id}`).toString('base64url');
}

export function decodeCursor(cursor: string, field: string): Keyset {
  if (cursor.length > 200) throw badUserInput(field, 'is not a valid cursor');
  const [iso, id, extra] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const createdAt = new Date(iso ?? '');
  if (extra !== undefined || !isUuid(id) || Number.isNaN(createdAt.getTime())) {
    throw badUserInput(field, 'is not a valid cursor');
  }
  return { createdAt, id };
}

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  /** Lazy: graphql-js calls it only when a client selects `totalCount`, so nobody pays for a count they skip. */
  totalCount: () => Promise<number>;
}

/** Builds a Relay connection from `first + 1` rows fetched in keyset order. */
export function toConnection<T extends Keyset>(
  rows: T[],
  first: number,
  totalCount: () => Promise<number>,
): Connection<T> {
  const nodes = rows.slice(0, first);
  const edges = nodes.map((node) => ({ cursor: encodeCursor(node), node }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount,
  };
}

/** The parent of an entity another subgraph owns: all we hold of it is its key. */
export interface EntityRef {
  id: string;
}
