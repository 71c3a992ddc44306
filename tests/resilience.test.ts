import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from './__generated__';
import { execute } from './client';
import { type RunningGraph, startGraph } from './harness';

// Its own graph: this file kills and restarts a subgraph, which must not disturb the other files.
let graph: RunningGraph;
beforeAll(async () => {
  graph = await startGraph();
}, 180_000);
afterAll(() => graph?.stop());

const Mixed = graphql(`
  query Mixed {
    customers(first: 3) { edges { node { id name } } }
    vehicles(first: 3) { edges { node { id registration } } }
  }
`);

describe('one subgraph down', () => {
  it('gives the other subgraphs data plus an error naming the failed one, and recovers after restart', async () => {
    const healthy = await execute(graph.gatewayUrl, Mixed);
    expect(healthy.errors).toBeUndefined();

    await graph.processes.get('vehicles')!.kill();
    const partial = await execute(graph.gatewayUrl, Mixed);
    expect(partial.data?.customers.edges).toHaveLength(3);
    expect(partial.data?.vehicles ?? null).toBeNull();
    expect(partial.errors).toHaveLength(1);
    expect(partial.errors![0]!.message).toContain('vehicles');
    expect(partial.errors![0]!.extensions).toMatchObject({ serviceName: 'vehicles' });

    await graph.restart('vehicles');
    const recovered = await execute(graph.gatewayUrl, Mixed);
    expect(recovered.errors).toBeUndefined();
    expect(recovered.data).toEqual(healthy.data);
  });
});
