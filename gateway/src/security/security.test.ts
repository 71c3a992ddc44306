import { readFileSync } from 'node:fs';
import { buildSchema, getIntrospectionQuery, parse } from 'graphql';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkLimits, countTokens, measureDocument } from './operation-limits';
import { memoryRateLimiter } from './rate-limit';
import { acknowledgeSubgraphEnforcedFeatures } from './supergraph-features';

const schema = buildSchema(readFileSync(new URL('../../../schema/api.graphql', import.meta.url), 'utf8'));
const limits = { maxDepth: 15, maxAliases: 15, maxRootFields: 10, maxCost: 10_000 };

describe('operation limits', () => {
  it('multiplies cost by page sizes, from literals and variables', () => {
    const query = parse('query ($n: Int) { orders(first: $n) { edges { node { shipments { id } } } } }');
    const small = measureDocument(schema, query, { n: 10 });
    const large = measureDocument(schema, query, { n: 100 });
    // orders 1 + n × (edges 1 + node 1 + shipments (1 + 5 × id 1))
    expect(small.cost).toBe(1 + 10 * 8);
    expect(large.cost).toBe(1 + 100 * 8);
  });

  it('measures a fragment bomb in linear time', () => {
    const levels = 40;
    const document = parse(
      [
        'query { customers { edges { node { ...F0 } } } }',
        `fragment F${levels} on Customer { id }`,
        ...Array.from(
          { length: levels },
          (_, i) => `fragment F${i} on Customer { ...F${i + 1} ...F${i + 1} }`,
        ),
      ].join('\n'),
    );
    const started = performance.now();
    const measure = measureDocument(schema, document);
    expect(performance.now() - started).toBeLessThan(100);
    expect(checkLimits(measure, limits)?.extensions.code).toBe('COST_LIMIT_EXCEEDED');
  });

  it('survives fragment cycles (validation reports them)', () => {
    const document = parse('query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }');
    expect(measureDocument(schema, document).depth).toBe(0);
  });

  it('lets the standard introspection query and the README dashboard through', () => {
    expect(checkLimits(measureDocument(schema, parse(getIntrospectionQuery())), limits)).toBeUndefined();
    const dashboard = parse(`{ orders(first: 20) { totalCount edges { node { number customer { name email }
      shipments { status vehicle { registration } events { status location { lat lng } } } } } } }`);
    expect(checkLimits(measureDocument(schema, dashboard), limits)).toBeUndefined();
  });

  it('names the limit broken, with limit and actual', () => {
    const deep = measureDocument(schema, parse(`${'{ a '.repeat(20)}${'}'.repeat(20)}`));
    expect(checkLimits(deep, limits)?.extensions).toMatchObject({
      code: 'DEPTH_LIMIT_EXCEEDED',
      limit: 15,
      actual: 20,
    });
    const roots = measureDocument(
      schema,
      parse(`{ ${Array.from({ length: 11 }, (_, i) => `v${i}: vehicles { totalCount }`).join(' ')} }`),
    );
    expect(checkLimits(roots, limits)?.extensions.code).toBe('ROOT_FIELD_LIMIT_EXCEEDED');
  });

  it('stops lexing at the token limit', () => {
    expect(countTokens('{ a b c }', 100)).toBe(5);
    expect(countTokens(`{ ${'a '.repeat(1_000_000)}}`, 10)).toBe(11);
  });
});

describe('memory rate limiter', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('allows the burst, refills at the sustained rate and says when to retry', async () => {
    vi.useFakeTimers({ now: 0 });
    const limiter = memoryRateLimiter({ burst: 2, perSecond: 1 });
    expect((await limiter.take('a')).allowed).toBe(true);
    expect((await limiter.take('a')).allowed).toBe(true);
    expect(await limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect((await limiter.take('b')).allowed).toBe(true);
    vi.advanceTimersByTime(1_000);
    expect((await limiter.take('a')).allowed).toBe(true);
    // The second's point is spent and the burst allowance comes back only after 2 s.
    expect((await limiter.take('a')).allowed).toBe(false);
  });

  it('refuses at the sustained rate when the burst is no larger', async () => {
    vi.useFakeTimers({ now: 0 });
    const limiter = memoryRateLimiter({ burst: 3, perSecond: 3 });
    const taken = [];
    for (let i = 0; i < 4; i++) taken.push((await limiter.take('k')).allowed);
    expect(taken).toEqual([true, true, true, false]);
  });
});

describe('supergraph features', () => {
  const link = (url: string) =>
    `schema @link(url: "${url}", for: SECURITY) { query: Query } type Query { a: Int }`;
  it('drops the SECURITY purpose of the two features subgraphs enforce, and nothing else', () => {
    expect(
      acknowledgeSubgraphEnforcedFeatures(link('https://specs.apollo.dev/requiresScopes/v0.1')),
    ).not.toContain('SECURITY');
    const policy = link('https://specs.apollo.dev/policy/v0.1');
    expect(acknowledgeSubgraphEnforcedFeatures(policy)).toBe(policy);
  });
});
