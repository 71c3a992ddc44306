import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError, env, parseConfig } from './config';
import { createErrorFormatter } from './errors';
import { demoId, isUuid, parseId } from './ids';
import { byId, groupByKey, uuidKeys } from './loading';
import { createRng } from './rng';
import { checkLength, checkLocation } from './validate';

describe('config', () => {
  const schema = z.object({ PORT: env.port(4000), FLAG: env.bool(false), URL: env.optionalUrl() });

  it('applies defaults and coerces', () => {
    expect(parseConfig('svc', schema, { PORT: '4010', FLAG: 'yes' })).toEqual({ PORT: 4010, FLAG: true });
  });

  it('reports every problem at once', () => {
    expect(() => parseConfig('svc', schema, { PORT: 'x', FLAG: 'maybe', URL: 'not a url' })).toThrow(
      ConfigError,
    );
    try {
      parseConfig('svc', schema, { PORT: 'x', FLAG: 'maybe', URL: 'not a url' });
    } catch (error) {
      expect(String(error)).toMatch(/PORT.*FLAG.*URL/);
    }
  });
});

describe('ids and demo data', () => {
  it('makes stable, valid, distinct demo ids', () => {
    expect(demoId('customer', 1)).toBe(demoId('customer', 1));
    expect(demoId('customer', 1)).not.toBe(demoId('order', 1));
    expect(isUuid(demoId('vehicle', 59))).toBe(true);
  });

  it('normalises ids and rejects malformed ones', () => {
    expect(parseId('5F0C7D3E-1B2A-4C3D-8E4F-0A1B2C3D4E5F', 'id')).toBe(
      '5f0c7d3e-1b2a-4c3d-8e4f-0a1b2c3d4e5f',
    );
    expect(() => parseId("1' or 1=1 --", 'input.id')).toThrow(/input.id/);
  });

  it('repeats the same random sequence for the same seed', () => {
    const a = createRng(7);
    const b = createRng(7);
    expect(Array.from({ length: 5 }, () => a.int(0, 1000))).toEqual(
      Array.from({ length: 5 }, () => b.int(0, 1000)),
    );
  });
});

describe('loader helpers', () => {
  const A = '5f0c7d3e-1b2a-4c3d-8e4f-0a1b2c3d4e5f';
  it('keeps only well-formed distinct keys and maps rows back in key order', () => {
    expect(uuidKeys([A, A.toUpperCase(), 'bad'])).toEqual([A]);
    expect(byId([A.toUpperCase(), 'bad', A], [{ id: A }])).toEqual([{ id: A }, null, { id: A }]);
    expect(groupByKey(['x', 'y'], [{ k: 'x' }, { k: 'x' }], (r) => r.k)).toEqual([
      [{ k: 'x' }, { k: 'x' }],
      [],
    ]);
  });
});

describe('validation', () => {
  it('names the failing field', () => {
    expect(() => checkLocation({ lat: 90.1, lng: 0 }, 'input.location')).toThrow(/input.location.lat/);
    expect(() => checkLocation({ lat: 0, lng: Number.NaN }, 'input.location')).toThrow(/input.location.lng/);
    expect(() => checkLength('', 'input.note', 10)).toThrow(/input.note/);
    expect(checkLocation({ lat: -90, lng: 180 }, 'loc')).toEqual({ lat: -90, lng: 180 });
  });
});

describe('error formatting', () => {
  const internals: unknown[] = [];
  const format = createErrorFormatter((error) => internals.push(error));

  it('passes our coded errors through without stack traces', () => {
    const error = new GraphQLError('first: bad', { extensions: { code: 'BAD_USER_INPUT', field: 'first' } });
    const formatted = format(
      { message: 'first: bad', extensions: { code: 'BAD_USER_INPUT', field: 'first', stacktrace: ['x'] } },
      error,
    );
    expect(formatted).toEqual({
      message: 'first: bad',
      extensions: { code: 'BAD_USER_INPUT', field: 'first' },
    });
  });

  it('reduces anything else to a generic internal error and reports it', () => {
    const leak = new Error('relation "orders" does not exist: select * from orders');
    const formatted = format(
      { message: leak.message, path: ['orders'], extensions: { code: 'INTERNAL_SERVER_ERROR' } },
      leak,
    );
    expect(formatted).toEqual({
      message: 'Internal server error',
      path: ['orders'],
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    expect(internals).toContain(leak);
  });
});
