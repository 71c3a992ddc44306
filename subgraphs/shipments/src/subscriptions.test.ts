import { createMemoryPubSub, openStore, type Store } from '@freightgraph/platform';
import {
  CleanupStack,
  liveFeedForTest,
  type ServedSubgraph,
  serveSubgraphForTest,
  subgraphClient,
  subscribe,
  testLogger,
  wsClient,
} from '@freightgraph/platform/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { live } from './consumers';
import { demoShipments } from './db/demo-shipments';
import { type Schema, schema } from './db/schema';
import { seed } from './db/seed';
import { migrationsFolder, shipmentsSubgraph } from './server';

// Tier one and a half: the subgraph on a real HTTP + WebSocket server, as the gateway sees it.
const cleanup = new CleanupStack();
// Zero trust applies here too: every call carries the internal token a gateway would mint.
let served: ServedSubgraph;
let admin: string;
const pubsub = createMemoryPubSub();
let store: Store<Schema>;
let graphql: string;
const demo = demoShipments();
const inTransit = demo.filter((s) => s.shipment.status === 'IN_TRANSIT');

beforeAll(async () => {
  store = await openStore({ schema, logger: testLogger, dataDir: 'memory://', migrationsFolder });
  await seed(store.db);
  served = await serveSubgraphForTest(shipmentsSubgraph(store, testLogger, true, pubsub));
  cleanup.defer(() => served.close());
  admin = await served.internal('admin');
  graphql = served.graphql;
  feed = liveFeedForTest(store.db, live(pubsub));
}, 180_000);
afterAll(() => cleanup.run());

// Subscribers hear of a tracking event from its committed TrackingEventRecorded, through the live feed
// the event bus runs; here it is pumped right after each mutation.
const post = async <TData = Record<string, unknown>>(query: string, variables: Record<string, unknown>) => {
  const result = await served.post<TData>(query, variables);
  await feed();
  return result;
};
let feed: () => Promise<number>;

const RECORD = `mutation ($input: RecordTrackingEventInput!) { recordTrackingEvent(input: $input) { id } }`;
const TRACK = `subscription ($id: ID!) { trackingUpdates(shipmentId: $id) { id status note occurredAt shipment { id status } } }`;

async function until(check: () => boolean, timeoutMs = 5_000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('subscriptions over graphql-ws', () => {
  it.each([
    ['no token', {}],
    [
      'a user access token instead of the internal one',
      { authorization: 'Bearer eyJhbGciOiJFUzI1NiJ9.e30.sig' },
    ],
  ])('closes a socket with %s (4403): only the gateway may subscribe', async (_case, params) => {
    const client = wsClient(graphql, params);
    cleanup.defer(() => client.dispose());
    const outcome = await subscribe(client, {
      query:
        'subscription { trackingUpdatesForOrder(orderId: "00000000-0000-4000-8000-000000000000") { id } }',
    }).ended;
    expect(outcome.error).toMatchObject({ code: 4403 });
  });

  it('streams committed events, each resolved with fresh loaders, and unsubscribes cleanly', async () => {
    const shipment = inTransit[0]!.shipment;
    const client = subgraphClient(graphql, admin);
    cleanup.defer(() => client.dispose());
    const updates = subscribe<{ trackingUpdates: { status: string; shipment: { status: string } } }>(client, {
      query: TRACK,
      variables: { id: shipment.id },
    });
    await until(() => pubsub.subscriberCount() === 1);

    const location = { lat: 52.1, lng: 4.3 };
    await post(RECORD, { input: { shipmentId: shipment.id, status: 'OUT_FOR_DELIVERY', location } });
    const first = await updates.next();
    expect(first.data?.trackingUpdates).toMatchObject({
      status: 'OUT_FOR_DELIVERY',
      shipment: { status: 'OUT_FOR_DELIVERY' },
    });

    await post(RECORD, { input: { shipmentId: shipment.id, status: 'DELIVERED', location } });
    // A loader cached across events would still say OUT_FOR_DELIVERY here.
    expect((await updates.next()).data?.trackingUpdates.shipment.status).toBe('DELIVERED');

    updates.unsubscribe();
    await until(() => pubsub.subscriberCount() === 0);
  });

  it('refuses an unknown shipment with NOT_FOUND and keeps the connection for other operations', async () => {
    const client = subgraphClient(graphql, admin);
    cleanup.defer(() => client.dispose());
    const missing = subscribe(client, {
      query: TRACK,
      variables: { id: '00000000-0000-4000-8000-000000000000' },
    });
    const result = await missing.next();
    expect(result.errors?.[0]).toMatchObject({ extensions: { code: 'NOT_FOUND' } });
    expect(await missing.ended).toEqual({});

    const broken = subscribe(client, { query: 'subscription { nope' });
    const outcome = await broken.ended;
    expect(String(JSON.stringify(outcome.error))).toContain('Syntax Error');

    const query = subscribe(client, { query: '{ __typename }' });
    expect(JSON.stringify((await query.ended).error)).toContain('Only subscriptions');
    expect(pubsub.subscriberCount()).toBe(0);
  });

  it('serves the order variant to dashboards', async () => {
    const { shipment } = inTransit[1]!;
    const client = subgraphClient(graphql, admin);
    cleanup.defer(() => client.dispose());
    const updates = subscribe<{ trackingUpdatesForOrder: { id: string; shipment: { id: string } } }>(client, {
      query: `subscription ($id: ID!) { trackingUpdatesForOrder(orderId: $id) { id shipment { id } } }`,
      variables: { id: shipment.orderId },
    });
    await until(() => pubsub.subscriberCount() === 1);
    const recorded = await post<{ recordTrackingEvent: { id: string } }>(RECORD, {
      input: { shipmentId: shipment.id, status: 'IN_TRANSIT', location: { lat: 1, lng: 2 } },
    });
    const event = (await updates.next()).data?.trackingUpdatesForOrder;
    expect(event).toEqual({
      id: recorded.data!.recordTrackingEvent.id,
      shipment: { id: shipment.id },
    });
    updates.unsubscribe();
  });
});
