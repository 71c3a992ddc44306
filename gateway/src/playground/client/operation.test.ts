import { describe, expect, it } from 'vitest';
import { selectOperation } from './operation';

const two = `query First { a }

subscription Second { b }
`;

describe('selectOperation', () => {
  it('takes the name and type from the text itself, anonymous included', () => {
    expect(selectOperation('query RecentOrders { a }')).toMatchObject({
      operationName: 'RecentOrders',
      type: 'query',
    });
    expect(selectOperation('{ customers { totalCount } }')).toMatchObject({
      operationName: undefined,
      type: 'query',
    });
    expect(selectOperation('subscription { b }', 3).type).toBe('subscription');
  });

  it('runs the operation under the cursor, else the first', () => {
    expect(selectOperation(two, two.indexOf('Second') + 2)).toMatchObject({
      operationName: 'Second',
      type: 'subscription',
    });
    expect(selectOperation(two, 4).operationName).toBe('First');
    expect(selectOperation(two, two.length).operationName).toBe('First');
    expect(selectOperation(two).operationName).toBe('First');
  });

  it('leaves a document that does not parse to the server', () => {
    expect(selectOperation('query {')).toEqual({});
  });
});
