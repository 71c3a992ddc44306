import { buildSchema, GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { createDocumentCache } from './documents';

const schema = buildSchema('type Query { a: Int } type Subscription { ticks(every: Int): Int }');
const TICKS = 'subscription { ticks(every: 1) }';

describe('createDocumentCache', () => {
  it('hands every sender of the same text the one parsed document and its printed source', () => {
    const documents = createDocumentCache();
    const first = documents.prepare(schema, TICKS);
    // A text of its own, equal to the first: what another socket's message parses to.
    const second = documents.prepare(schema, ['subscription', '{ ticks(every: 1) }'].join(' '));
    expect(first).toBe(second);
    expect(Array.isArray(first) ? undefined : first.source).toContain('ticks(every: 1)');
  });

  it('answers a parse error and an invalid operation with their stable codes', () => {
    const documents = createDocumentCache();
    const [parseError] = documents.prepare(schema, 'subscription {') as GraphQLError[];
    expect(parseError?.extensions.code).toBe('GRAPHQL_PARSE_FAILED');
    const [invalid] = documents.prepare(schema, 'subscription { nope }') as GraphQLError[];
    expect(invalid).toBeInstanceOf(GraphQLError);
    expect(invalid?.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('validates a cached text again against a new schema', () => {
    const documents = createDocumentCache();
    expect(Array.isArray(documents.prepare(schema, TICKS))).toBe(false);
    const without = buildSchema('type Query { a: Int } type Subscription { other: Int }');
    const [error] = documents.prepare(without, TICKS) as GraphQLError[];
    expect(error?.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});
