import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { createErrorFormatter, rootFieldPaths } from './errors';
import { recordingLogger } from './testing/stand-in';

describe('createErrorFormatter', () => {
  const stack = { stacktrace: ['Error: boom', '    at secret (/srv/internal.ts:1:1)'] };

  it('in production masks errors without a stable code, keeping the subgraph name, and logs them', () => {
    const log = recordingLogger();
    const format = createErrorFormatter(true, log.logger);
    const bug = new Error('cannot read properties of undefined (reading "rows")');
    expect(
      format(
        { message: bug.message, path: ['orders'], extensions: { code: 'INTERNAL_SERVER_ERROR', ...stack } },
        bug,
      ),
    ).toEqual({
      message: 'Internal server error',
      path: ['orders'],
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    expect(log.lines).toContainEqual(expect.objectContaining({ level: 50, msg: 'internal error' }));
    expect(
      format(
        { message: 'relation "x" does not exist', extensions: { serviceName: 'orders' } },
        new Error('x'),
      ),
    ).toEqual({
      message: 'Internal server error',
      extensions: { code: 'INTERNAL_SERVER_ERROR', serviceName: 'orders' },
    });
  });

  it('in production passes coded errors through, without stack traces', () => {
    const format = createErrorFormatter(true, recordingLogger().logger);
    const error = new GraphQLError('Subgraph "orders" is unavailable');
    const formatted = {
      message: error.message,
      extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'orders', ...stack },
    };
    expect(format(formatted, error)).toEqual({
      message: 'Subgraph "orders" is unavailable',
      extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'orders' },
    });
  });

  it('outside production leaves errors as they are', () => {
    const format = createErrorFormatter(false, recordingLogger().logger);
    const formatted = { message: 'boom', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
    expect(format(formatted, new Error('boom'))).toBe(formatted);
  });
});

describe('rootFieldPaths', () => {
  it('lists the response names of a root fetch', () => {
    expect(
      rootFieldPaths('query Q__orders__0 { orders { id } latest: order(id: "1") { id } __typename }'),
    ).toEqual([['orders'], ['latest']]);
  });

  it('gives no path for entity fetches or unparsable queries', () => {
    expect(
      rootFieldPaths('query ($r: [_Any!]!) { _entities(representations: $r) { __typename } }'),
    ).toBeUndefined();
    expect(rootFieldPaths('{')).toBeUndefined();
  });
});
