import { createMemoryPubSub, demoVehicleId, openStore } from '@freightgraph/platform';
import {
  CleanupStack,
  type ServedSubgraph,
  serveSubgraphForTest,
  subgraphClient,
  subscribe,
  testLogger,
} from '@freightgraph/platform/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extensions } from './db/extensions';
import { schema } from './db/schema';
import { seed } from './db/seed';
import { migrationsFolder, vehiclesSubgraph } from './server';

const cleanup = new CleanupStack();
// Zero trust applies here too: every call carries the internal token a gateway would mint.
let served: ServedSubgraph;
let admin: string;
const pubsub = createMemoryPubSub();
let graphql: string;

beforeAll(async () => {
  const store = await openStore({
    schema,
    logger: testLogger,
    dataDir: 'memory://',
    migrationsFolder,
    extensions,
  });
  await seed(store.db);
  served = await serveSubgraphForTest(vehiclesSubgraph(store, testLogger, true, pubsub));
  cleanup.defer(() => served.close());
  admin = await served.internal('admin');
  graphql = served.graphql;
}, 180_000);
afterAll(() => cleanup.run());

type Result = { data?: { reportVehiclePosition: { id: string } } | null; errors?: { extensions: object }[] };
async function report(vehicleId: string, lat: number, lng: number): Promise<Result> {
  return served.post<Result['data']>(
    `mutation ($id: ID!, $at: LocationInput!) { reportVehiclePosition(vehicleId: $id, location: $at) { id } }`,
    { id: vehicleId, at: { lat, lng } },
  ) as Promise<Result>;
}

async function until(check: () => boolean) {
  for (let i = 0; !check(); i++) {
    if (i > 250) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

type Positions = {
  vehiclePositions: { id: string; position: { lat: number; lng: number }; positionUpdatedAt: string };
};
const POSITIONS = `subscription ($ids: [ID!]) { vehiclePositions(vehicleIds: $ids) { id position { lat lng } positionUpdatedAt } }`;

describe('vehicle positions', () => {
  it('streams reported positions to subscribers of that vehicle and of all vehicles', async () => {
    const [one, two] = [demoVehicleId(0), demoVehicleId(1)];
    const client = subgraphClient(graphql, admin);
    cleanup.defer(() => client.dispose());
    const mine = subscribe<Positions>(client, { query: POSITIONS, variables: { ids: [one] } });
    const all = subscribe<Positions>(client, { query: POSITIONS, variables: { ids: null } });
    await until(() => pubsub.subscriberCount() === 2);

    expect((await report(two, 48.85, 2.35)).errors).toBeUndefined();
    expect((await report(one, 51.5, -0.12)).errors).toBeUndefined();
    expect((await mine.next()).data?.vehiclePositions).toMatchObject({
      id: one,
      position: { lat: 51.5, lng: -0.12 },
    });
    expect((await all.next()).data?.vehiclePositions.id).toBe(two);
    expect((await all.next()).data?.vehiclePositions.id).toBe(one);
    expect(mine.pending()).toBe(0);

    mine.unsubscribe();
    all.unsubscribe();
    await until(() => pubsub.subscriberCount() === 0);
  });

  it('validates the report and the subscription arguments', async () => {
    expect((await report(demoVehicleId(0), 91, 0)).errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'location.lat',
    });
    expect(
      (await report('00000000-0000-4000-8000-000000000000', 1, 1)).errors?.[0]?.extensions,
    ).toMatchObject({
      code: 'NOT_FOUND',
    });
    const client = subgraphClient(graphql, admin);
    cleanup.defer(() => client.dispose());
    const none = subscribe(client, { query: POSITIONS, variables: { ids: [] } });
    expect((await none.next()).errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'vehicleIds',
    });
  });
});
