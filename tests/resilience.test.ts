import { testTokens } from '@freightgraph/platform/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from './__generated__';
import { execute } from './client';
import { type RunningGraph, startGraph } from './harness';

// Its own graph: this file kills and restarts a subgraph, which must not disturb the other files.
let graph: RunningGraph;
let admin: Record<string, string>;
beforeAll(async () => {
  graph = await startGraph();
  admin = await testTokens(graph.layout.dataDir).headers('admin');
}, 180_000);
afterAll(() => graph?.stop());

const FirstVehicle = graphql(`
  query FirstVehicle { vehicles(first: 1) { edges { node { id } } } }
`);

// `vehicle` is nullable, so its failure leaves the rest of `data` intact (a failed non-null root field
// would null the whole response, as GraphQL requires).
const Mixed = graphql(`
  query Mixed($vehicleId: ID!) {
    customers(first: 3) { edges { node { id name } } }
    vehicle(id: $vehicleId) { id registration }
  }
`);

describe('one subgraph down', () => {
  it('gives the other subgraphs data plus an error naming the failed one, and recovers after restart', async () => {
    const vehicleId = (await execute(graph.gatewayUrl, FirstVehicle, {}, admin)).data!.vehicles.edges[0]!.node
      .id;
    const healthy = await execute(graph.gatewayUrl, Mixed, { vehicleId }, admin);
    expect(healthy.errors).toBeUndefined();

    await graph.processes.get('vehicles')!.kill();
    const partial = await execute(graph.gatewayUrl, Mixed, { vehicleId }, admin);
    expect(partial.data?.customers.edges).toHaveLength(3);
    expect(partial.data?.vehicle).toBeNull();
    expect(partial.errors).toHaveLength(1);
    expect(partial.errors![0]!.message).toContain('vehicles');
    expect(partial.errors![0]!.extensions).toMatchObject({ serviceName: 'vehicles' });

    await graph.restart('vehicles');
    const recovered = await execute(graph.gatewayUrl, Mixed, { vehicleId }, admin);
    expect(recovered.errors).toBeUndefined();
    expect(recovered.data).toEqual(healthy.data);
  });
});
