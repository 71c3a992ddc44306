import { CleanupStack, subscribe, wsClient } from '@freightgraph/platform/testing';
import { print } from 'graphql';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { graphql } from './__generated__';
import { admin, tokens } from './auth';

const dispatcher = await tokens.bearer('dispatcher');

import { eventually, execute, metric } from './client';

const { gatewayUrl, subgraphUrls } = inject('graph');
const cleanup = new CleanupStack();
afterAll(() => cleanup.run());

const TrackingUpdates = graphql(`
  subscription TrackingUpdates($shipmentId: ID!) {
    trackingUpdates(shipmentId: $shipmentId) {
      status note occurredAt location { lat lng }
      shipment { id trackingNumber order { id customer { name } } vehicle { registration } }
    }
  }
`);

const OrderUpdates = graphql(`
  subscription OrderUpdates($orderId: ID!) {
    trackingUpdatesForOrder(orderId: $orderId) { status shipment { trackingNumber } }
  }
`);

const VehiclePositions = graphql(`
  subscription VehiclePositions($ids: [ID!]) {
    vehiclePositions(vehicleIds: $ids) { id registration position { lat lng } shipments { id } }
  }
`);

const Candidates = graphql(`
  query SubscriptionCandidates {
    shipments(first: 40, status: IN_TRANSIT) {
      edges { node { id trackingNumber order { id customer { name } } vehicle { id registration } } }
    }
  }
`);

const Move = graphql(`
  mutation Move($input: RecordTrackingEventInput!) { recordTrackingEvent(input: $input) { id occurredAt } }
`);

const Report = graphql(`
  mutation Report($id: ID!, $at: LocationInput!) { reportVehiclePosition(vehicleId: $id, location: $at) { id } }
`);

/** In-transit shipments with a vehicle, from the end of the list (the mutation suite moves the first ones). */
async function shipments() {
  const result = await execute(gatewayUrl, Candidates, {}, admin);
  return result
    .data!.shipments.edges.map((edge) => edge.node)
    .filter((node) => node.vehicle)
    .reverse();
}

/** A position update: IN_TRANSIT → IN_TRANSIT is always allowed, so the shipment stays usable. */
const move = (shipmentId: string, note: string) =>
  execute(
    gatewayUrl,
    Move,
    {
      input: { shipmentId, status: 'IN_TRANSIT', location: { lat: 50.1, lng: 8.7 }, note },
    },
    admin,
  );

const client = (params: Record<string, unknown> = { authorization: admin.authorization }) => {
  const opened = wsClient(gatewayUrl, params);
  cleanup.defer(() => opened.dispose());
  return opened;
};

/** Streams the shipments subgraph holds open, and its pub/sub listeners. */
const upstream = async () => ({
  operations: await metric(
    subgraphUrls.shipments,
    'freightgraph_subscriptions_active',
    await tokens.internal('admin'),
  ),
  listeners: await metric(
    subgraphUrls.shipments,
    'freightgraph_pubsub_subscribers',
    await tokens.internal('admin'),
  ),
});
const gateway = async () => ({
  shared: await metric(
    gatewayUrl,
    'freightgraph_gateway_upstream_subscriptions',
    await tokens.internal('admin'),
  ),
  clients: await metric(gatewayUrl, 'freightgraph_gateway_subscriptions', await tokens.internal('admin')),
  events: await metric(
    gatewayUrl,
    'freightgraph_gateway_subscription_events_total',
    await tokens.internal('admin'),
  ),
});

describe('subscriptions through the gateway', () => {
  it.each([
    ['without a token', {}],
    [
      'with an expired-looking forged token',
      { authorization: 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.' },
    ],
  ])('refuses a socket %s with 4403 and opens nothing upstream', async (_case, params) => {
    const before = await upstream();
    const [shipment] = await shipments();
    const denied = subscribe(client(params), {
      query: print(TrackingUpdates),
      variables: { shipmentId: shipment!.id },
    });
    expect((await denied.ended).error).toMatchObject({ code: 4403 });
    expect(await upstream()).toEqual(before);
  });

  it("refuses a customer following another customer's shipment", async () => {
    const [shipment] = await shipments();
    const stranger = await tokens.bearer('customer', { customerId: '00000000-0000-4000-8000-000000000001' });
    const denied = subscribe(client({ authorization: stranger }), {
      query: print(TrackingUpdates),
      variables: { shipmentId: shipment!.id },
    });
    // The shipments subgraph sees the customer's viewer and finds no such shipment for them.
    const refused = await denied.next();
    expect(refused.data ?? null).toBeNull();
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', serviceName: 'shipments' });
    expect(await denied.ended).toEqual({});
  });

  it('delivers every recorded event with fields from all four subgraphs', async () => {
    const [shipment] = await shipments();
    const before = await upstream();
    const updates = subscribe(client(), {
      query: print(TrackingUpdates),
      variables: { shipmentId: shipment!.id },
    });
    await eventually(async () => expect((await upstream()).listeners).toBe(before.listeners + 1));

    const recorded = await move(shipment!.id, 'Frankfurt hub');
    expect(recorded.errors).toBeUndefined();
    const event = await updates.next();
    expect(event.errors).toBeUndefined();
    expect(event.data).toEqual({
      trackingUpdates: {
        status: 'IN_TRANSIT',
        note: 'Frankfurt hub',
        occurredAt: recorded.data!.recordTrackingEvent.occurredAt,
        location: { lat: 50.1, lng: 8.7 },
        shipment: {
          id: shipment!.id,
          trackingNumber: shipment!.trackingNumber,
          order: shipment!.order,
          vehicle: { registration: shipment!.vehicle!.registration },
        },
      },
    });

    await move(shipment!.id, 'second');
    expect((await updates.next()).data).toMatchObject({ trackingUpdates: { note: 'second' } });

    updates.unsubscribe();
    await eventually(async () => expect(await upstream()).toEqual(before));
  });

  it('shares one upstream subscription and one execution per event between identical subscriptions', async () => {
    const [, shipment] = await shipments();
    const before = { upstream: await upstream(), gateway: await gateway() };
    const variables = { shipmentId: shipment!.id };
    const query = print(TrackingUpdates);
    // Two connections, the same operation with reordered whitespace-free variables: one stream upstream.
    const first = subscribe(client(), { query, variables });
    const second = subscribe(client(), { query, variables });
    // Another viewer never shares a stream, even for the same operation.
    const other = subscribe(client({ authorization: dispatcher }), { query, variables });
    await eventually(async () => {
      expect(await upstream()).toEqual({
        operations: before.upstream.operations + 2,
        listeners: before.upstream.listeners + 2,
      });
      expect(await gateway()).toMatchObject({
        shared: before.gateway.shared + 2,
        clients: before.gateway.clients + 3,
      });
    });

    await move(shipment!.id, 'shared');
    const results = await Promise.all([first.next(), second.next(), other.next()]);
    expect(results[1]).toEqual(results[0]);
    expect(results[2]).toEqual(results[0]);
    // One execution for the two identical ones, one for the other authorization.
    expect((await gateway()).events).toBe(before.gateway.events + 2);

    first.unsubscribe();
    await eventually(async () => expect((await gateway()).clients).toBe(before.gateway.clients + 2));
    expect((await upstream()).operations).toBe(before.upstream.operations + 2);
    second.unsubscribe();
    other.unsubscribe();
    await eventually(async () => {
      expect(await upstream()).toEqual(before.upstream);
      expect(await gateway()).toMatchObject({
        shared: before.gateway.shared,
        clients: before.gateway.clients,
      });
    });
  });

  it('closes the upstream subscription and its connection when the client disconnects', async () => {
    const [, , shipment] = await shipments();
    const connections = async () =>
      metric(subgraphUrls.shipments, 'freightgraph_ws_connections', await tokens.internal('admin'));
    // Idle upstream connections of the tests before linger briefly for the next subscriber, then close.
    await eventually(async () => expect(await connections()).toBe(0));
    const before = await upstream();
    const socket = wsClient(gatewayUrl, { authorization: admin.authorization });
    subscribe(socket, { query: print(TrackingUpdates), variables: { shipmentId: shipment!.id } });
    await eventually(async () => expect((await upstream()).listeners).toBe(before.listeners + 1));
    expect(await connections()).toBe(1);
    await socket.dispose();
    await eventually(async () => {
      expect(await upstream()).toEqual(before);
      expect(await connections()).toBe(0);
    });
  });

  it('streams dashboards and vehicle positions, resolving fields of the other subgraphs per event', async () => {
    const [, , , shipment] = await shipments();
    const ws = client();
    const order = subscribe(ws, { query: print(OrderUpdates), variables: { orderId: shipment!.order.id } });
    const positions = subscribe(ws, {
      query: print(VehiclePositions),
      variables: { ids: [shipment!.vehicle!.id] },
    });
    await eventually(async () => {
      expect(
        await metric(
          subgraphUrls.vehicles,
          'freightgraph_pubsub_subscribers',
          await tokens.internal('admin'),
        ),
      ).toBeGreaterThan(0);
      expect(
        await metric(
          subgraphUrls.shipments,
          'freightgraph_pubsub_subscribers',
          await tokens.internal('admin'),
        ),
      ).toBeGreaterThan(0);
    });

    await move(shipment!.id, 'dashboard');
    expect((await order.next()).data).toEqual({
      trackingUpdatesForOrder: {
        status: 'IN_TRANSIT',
        shipment: { trackingNumber: shipment!.trackingNumber },
      },
    });

    const reported = await execute(
      gatewayUrl,
      Report,
      {
        id: shipment!.vehicle!.id,
        at: { lat: 45.46, lng: 9.19 },
      },
      admin,
    );
    expect(reported.errors).toBeUndefined();
    const position = (await positions.next()).data!.vehiclePositions as {
      id: string;
      registration: string;
      position: unknown;
      shipments: { id: string }[];
    };
    expect(position).toMatchObject({
      id: shipment!.vehicle!.id,
      registration: shipment!.vehicle!.registration,
      position: { lat: 45.46, lng: 9.19 },
    });
    // `shipments` lives in the shipments subgraph: the rest of the plan ran for this event.
    expect(position.shipments.map((s) => s.id)).toContain(shipment!.id);
    order.unsubscribe();
    positions.unsubscribe();
  });

  it('answers bad subscriptions with GraphQL errors and keeps the connection for the others', async () => {
    const ws = client();
    const missing = subscribe(ws, {
      query: print(TrackingUpdates),
      variables: { shipmentId: '00000000-0000-4000-8000-000000000000' },
    });
    expect((await missing.next()).errors?.[0]).toMatchObject({
      message: expect.stringContaining('not found'),
      extensions: { code: 'NOT_FOUND', serviceName: 'shipments' },
    });
    await missing.ended;

    const invalid = await subscribe(ws, {
      query: 'subscription { trackingUpdates(shipmentId: "x") { nope } }',
    }).ended;
    expect(JSON.stringify(invalid.error)).toContain('Cannot query field');
    const query = await subscribe(ws, { query: '{ __typename }' }).ended;
    expect(JSON.stringify(query.error)).toContain('Only subscriptions');

    const [shipment] = await shipments();
    const good = subscribe(ws, { query: print(TrackingUpdates), variables: { shipmentId: shipment!.id } });
    await eventually(async () => expect((await gateway()).clients).toBeGreaterThan(0));
    await eventually(async () =>
      expect(
        await metric(
          subgraphUrls.shipments,
          'freightgraph_pubsub_subscribers',
          await tokens.internal('admin'),
        ),
      ).toBe(1),
    );
    await move(shipment!.id, 'still here');
    expect((await good.next()).data).toMatchObject({ trackingUpdates: { note: 'still here' } });
    good.unsubscribe();
  });
});
