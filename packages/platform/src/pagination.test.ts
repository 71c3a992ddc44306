import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, parsePage, toConnection } from './pagination';

const row = (ms: number, id: string) => ({ createdAt: new Date(ms), id });
const ID = '5f0c7d3e-1b2a-4c3d-8e4f-0a1b2c3d4e5f';

describe('keyset pagination', () => {
  it('round-trips a cursor', () => {
    const position = row(1_700_000_000_123, ID);
    expect(decodeCursor(encodeCursor(position), 'after')).toEqual(position);
  });

  it.each([
    ['not base64 of a keyset', 'garbage'],
    ['a bad id', Buffer.from('2026-01-01T00:00:00.000Z|nope').toString('base64url')],
    ['a bad date', Buffer.from(`yesterday|${ID}`).toString('base64url')],
    ['extra parts', Buffer.from(`2026-01-01T00:00:00.000Z|${ID}|x`).toString('base64url')],
    ['an oversized cursor', 'a'.repeat(500)],
  ])('rejects %s as BAD_USER_INPUT on the named field', (_name, cursor) => {
    expect(() => decodeCursor(cursor, 'after')).toThrow(
      expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', field: 'after' } }),
    );
  });

  it.each([0, -1, 101, 2.5])('rejects first = %s', (first) => {
    expect(() => parsePage({ first })).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ field: 'first' }) }),
    );
  });

  it('defaults and accepts the bounds', () => {
    expect(parsePage({}).first).toBe(20);
    expect(parsePage({ first: 1 }).first).toBe(1);
    expect(parsePage({ first: 100 }).first).toBe(100);
  });

  it('builds a connection from first + 1 rows', async () => {
    const rows = [row(3, ID), row(2, ID), row(1, ID)];
    const connection = toConnection(rows, 2, async () => 42);
    expect(connection.edges.map((e) => e.node)).toEqual(rows.slice(0, 2));
    expect(connection.pageInfo).toEqual({ hasNextPage: true, endCursor: encodeCursor(rows[1]!) });
    expect(await connection.totalCount()).toBe(42);
    expect(toConnection(rows.slice(0, 1), 2, async () => 1).pageInfo.hasNextPage).toBe(false);
    expect(toConnection([], 2, async () => 0).pageInfo.endCursor).toBeNull();
  });
});
