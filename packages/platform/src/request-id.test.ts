import { describe, expect, it } from 'vitest';
import { requestIdFrom } from './request-id';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('requestIdFrom', () => {
  it('keeps a sane client id: at most 128 printable characters', () => {
    expect(requestIdFrom('abc-123')).toBe('abc-123');
    expect(requestIdFrom('x'.repeat(128))).toBe('x'.repeat(128));
    expect(requestIdFrom('trace id:42/a=b')).toBe('trace id:42/a=b');
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['too long', 'x'.repeat(129)],
    ['with a newline', 'abc\nInjected: 1'],
    ['with control bytes', 'abc\u0000'],
    ['non-ASCII', 'zürich'],
    ['padded', ' abc '],
    ['repeated', ['a', 'b']],
  ])('replaces a %s id with a UUID', (_case, header) => {
    expect(requestIdFrom(header)).toMatch(UUID);
  });
});
