/**
 * Row-level rules as each role sees them through the gateway: lists filtered to what is theirs,
 * contact details only for roles that may see them, writes only on their own rows.
 */
import { TEST_CUSTOMER_ID, TEST_VEHICLE_ID } from '@freightgraph/platform/testing';
import { describe, expect, inject, it } from 'vitest';
import { graphql } from './__generated__';
import { admin, tokens } from './auth';
import { execute } from './client';
import { gql } from './hostile';

const { gatewayUrl } = inject('graph');

const MyWorld = graphql(`
  query MyWorld {
    customers(first: 100) { totalCount edges { node { id email } } }
    orders(first: 100) { totalCount edges { node { id customer { id } shipments { id events { status } } } } }
    shipments(first: 100) { totalCount edges { node { id order { id } vehicle { id } } } }
  }
`);

const DriverWorld = graphql(`
  query DriverWorld($vehicleId: ID!) {
    vehicles(first: 100) { totalCount edges { node { id } } }
    shipments(first: 100, status: IN_TRANSIT) { edges { node { id status vehicle { id } } } }
    vehicle(id: $vehicleId) { id shipments { id vehicle { id } } }
  }
`);

const Contact = graphql(`
  query CustomerContact($id: ID!) { customer(id: $id) { id name email phone } }
`);

const RecordOwn = graphql(`
  mutation DriverRecordsEvent($input: RecordTrackingEventInput!) {
    recordTrackingEvent(input: $input) { status shipment { id status } }
  }
`);

const ReportPosition = graphql(`
  mutation DriverReportsPosition($vehicleId: ID!, $location: LocationInput!) {
    reportVehiclePosition(vehicleId: $vehicleId, location: $location) { id position { lat lng } positionUpdatedAt }
  }
`);

const PlaceOwnOrder = graphql(`
  mutation CustomerPlacesOrder($input: PlaceOrderInput!) {
    placeOrder(input: $input) { id customer { id } lines { sku description } }
  }
`);

describe('a customer', () => {
  it('sees only their own record, orders, shipments and tracking events', async () => {
    const result = await execute(gatewayUrl, MyWorld, {}, await tokens.headers('customer'));
    expect(result.errors).toBeUndefined();
    const { customers, orders, shipments } = result.data!;
    expect(customers.edges.map((e) => e.node.id)).toEqual([TEST_CUSTOMER_ID]);
    expect(customers.edges[0]!.node.email).toContain('@');
    expect(orders.totalCount).toBeGreaterThan(0);
    expect(orders.edges.every((e) => e.node.customer.id === TEST_CUSTOMER_ID)).toBe(true);
    const own = new Set(orders.edges.map((e) => e.node.id));
    expect(shipments.totalCount).toBeGreaterThan(0);
    expect(shipments.edges.every((e) => own.has(e.node.order.id))).toBe(true);
    expect(orders.edges.flatMap((e) => e.node.shipments.flatMap((s) => s.events)).length).toBeGreaterThan(0);
    // The admin sees the same orders for this customer: filtering hides nothing of theirs.
    const all = await gql(
      gatewayUrl,
      `{ orders(customerId: "${TEST_CUSTOMER_ID}") { totalCount } }`,
      {},
      admin,
    );
    expect(all.body.data?.orders).toEqual({ totalCount: orders.totalCount });
  });

  it('places orders for themselves; free text is stored verbatim, never run as SQL', async () => {
    const sku = "'); DROP TABLE orders; --";
    const result = await execute(
      gatewayUrl,
      PlaceOwnOrder,
      {
        input: {
          customerId: TEST_CUSTOMER_ID,
          lines: [
            { sku, description: 'Robert"); --', quantity: 1, unitPriceCents: 100, unitWeightGrams: 500 },
          ],
          shippingAddress: {
            lines: ["1 O'Brien St; --"],
            city: 'Dublin',
            postalCode: 'D01 F5P2',
            country: 'IE',
            location: { lat: 53.35, lng: -6.26 },
          },
        },
      },
      await tokens.headers('customer'),
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.placeOrder.customer.id).toBe(TEST_CUSTOMER_ID);
    expect(result.data!.placeOrder.lines[0]).toEqual({ sku, description: 'Robert"); --' });
  });
});

describe('a driver', () => {
  it("sees only their vehicle and the shipments on it, and no customer's contact details", async () => {
    const result = await execute(
      gatewayUrl,
      DriverWorld,
      { vehicleId: TEST_VEHICLE_ID },
      await tokens.headers('driver'),
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.vehicles.edges.map((e) => e.node.id)).toEqual([TEST_VEHICLE_ID]);
    expect(result.data!.shipments.edges.every((e) => e.node.vehicle?.id === TEST_VEHICLE_ID)).toBe(true);
    expect(result.data!.vehicle!.shipments.length).toBeGreaterThan(0);
    const contact = await execute(
      gatewayUrl,
      Contact,
      { id: TEST_CUSTOMER_ID },
      await tokens.headers('driver'),
    );
    expect(contact.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(JSON.stringify(contact.data)).not.toContain('@');
  });

  it('records tracking events and reports the position of their own vehicle', async () => {
    const driver = await tokens.headers('driver');
    const world = await execute(gatewayUrl, DriverWorld, { vehicleId: TEST_VEHICLE_ID }, driver);
    const shipment = world.data!.shipments.edges[0]!.node;
    const recorded = await execute(
      gatewayUrl,
      RecordOwn,
      { input: { shipmentId: shipment.id, status: 'IN_TRANSIT', location: { lat: 52.1, lng: 4.3 } } },
      driver,
    );
    expect(recorded.errors).toBeUndefined();
    expect(recorded.data!.recordTrackingEvent.shipment.id).toBe(shipment.id);
    const moved = await execute(
      gatewayUrl,
      ReportPosition,
      { vehicleId: TEST_VEHICLE_ID, location: { lat: 52.1, lng: 4.3 } },
      driver,
    );
    expect(moved.errors).toBeUndefined();
    expect(moved.data!.reportVehiclePosition.position).toEqual({ lat: 52.1, lng: 4.3 });
  });
});

describe('a dispatcher', () => {
  it("reads everything operational, customers' contact details included", async () => {
    const contact = await execute(
      gatewayUrl,
      Contact,
      { id: TEST_CUSTOMER_ID },
      await tokens.headers('dispatcher'),
    );
    expect(contact.errors).toBeUndefined();
    expect(contact.data!.customer!.email).toContain('@');
    const all = await gql(
      gatewayUrl,
      '{ orders { totalCount } shipments { totalCount } vehicles { totalCount } }',
      {},
      await tokens.headers('dispatcher'),
    );
    expect(all.body.errors).toBeUndefined();
  });
});

describe('without a token', () => {
  it('still reaches health, the playground page and (in development) introspection', async () => {
    expect((await fetch(gatewayUrl.replace(/graphql$/, 'health'))).status).toBe(200);
    const page = await fetch(gatewayUrl.replace(/graphql$/, ''), { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    const introspection = await gql(gatewayUrl, '{ __schema { queryType { name } } }');
    expect(introspection.body).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
  });
});
