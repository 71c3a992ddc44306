import { describe, expect, inject, it } from 'vitest';
import { graphql } from './__generated__';
import { admin, tokens } from './auth';
import { execute, sqlStatements } from './client';

const { gatewayUrl, subgraphUrls } = inject('graph');

// Delivered orders: each has shipments on a vehicle, whatever orders other files placed before this one
// (the newest, cancelled ones have none, and the vehicles subgraph would not be asked at all).
const NestedOrders = graphql(`
  query NestedOrders($first: Int!) {
    orders(first: $first, status: DELIVERED) {
      edges {
        node { customer { name } shipments { vehicle { registration } events { status } latestEvent { status } } }
      }
    }
  }
`);

/** SQL statements each subgraph ran to answer one request. */
async function statementsFor(first: number): Promise<Record<string, number>> {
  const names = Object.keys(subgraphUrls) as (keyof typeof subgraphUrls)[];
  // /metrics, like everything on a subgraph but /health, answers only the gateway's internal token.
  const internal = await tokens.internal('admin');
  const before = await Promise.all(names.map((name) => sqlStatements(subgraphUrls[name], internal)));
  const result = await execute(gatewayUrl, NestedOrders, { first }, admin);
  expect(result.errors).toBeUndefined();
  expect(result.data!.orders.edges).toHaveLength(first);
  const after = await Promise.all(names.map((name) => sqlStatements(subgraphUrls[name], internal)));
  return Object.fromEntries(names.map((name, i) => [name, after[i]! - before[i]!]));
}

describe('batching: no N+1', () => {
  it('runs the same number of SQL statements per subgraph for 5 and 100 orders', async () => {
    const small = await statementsFor(5);
    const large = await statementsFor(100);
    console.info('SQL statements per subgraph', { first5: small, first100: large });
    expect(large).toEqual(small);
    // One query for the page, one per relation hop: nothing proportional to the page size.
    for (const count of Object.values(large)) expect(count).toBeLessThanOrEqual(3);
  });
});
