import { describe, expect, inject, it } from 'vitest';
import { graphql } from './__generated__';
import { admin } from './auth';
import { execute } from './client';

const { gatewayUrl } = inject('graph');

const DashboardQuery = graphql(`
  query Dashboard($first: Int, $after: String, $status: OrderStatus) {
    orders(first: $first, after: $after, status: $status) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges {
        cursor
        node {
          id
          number
          status
          totalCents
          customer { id name email }
          shipments {
            id trackingNumber status
            order { id }
            vehicle { id registration }
            events { status occurredAt }
          }
        }
      }
    }
  }
`);

const CustomerOrdersQuery = graphql(`
  query CustomerOrders($id: ID!, $after: String) {
    customer(id: $id) {
      id
      name
      orders(first: 10, after: $after) {
        totalCount
        pageInfo { hasNextPage endCursor }
        edges { node { id customer { id name } } }
      }
    }
  }
`);

const ShipmentQuery = graphql(`
  query ShipmentDetail($trackingNumber: String!) {
    shipmentByTrackingNumber(trackingNumber: $trackingNumber) {
      id status trackingNumber
      lastLocation { lat lng }
      order { id number customer { name } }
      vehicle { id registration kind shipments { id } }
      events { status location { lat lng } occurredAt shipment { id } }
    }
  }
`);

describe('the composed graph', () => {
  it('answers a query spanning all four subgraphs with consistent data', async () => {
    const result = await execute(gatewayUrl, DashboardQuery, { first: 25 }, admin);
    expect(result.errors).toBeUndefined();
    const orders = result.data!.orders;
    expect(orders.totalCount).toBeGreaterThanOrEqual(2_000);
    expect(orders.edges).toHaveLength(25);
    for (const { node } of orders.edges) {
      expect(node.customer.name).toBeTruthy();
      for (const shipment of node.shipments) {
        expect(shipment.order.id).toBe(node.id);
        expect(shipment.events.at(-1)?.status).toBe(shipment.status);
        // Every shipment on its way has a vehicle; one the saga cancelled may never have had one.
        if (!['LABEL_CREATED', 'CANCELLED'].includes(shipment.status)) {
          expect(shipment.vehicle?.registration).toBeTruthy();
        }
      }
    }
  });

  it('pages orders with cursors and no repeats', async () => {
    const seen = new Set<string>();
    let after: string | null | undefined;
    for (let page = 0; page < 5; page++) {
      const result = await execute(gatewayUrl, DashboardQuery, { first: 50, after }, admin);
      const { edges, pageInfo } = result.data!.orders;
      for (const { node } of edges) {
        expect(seen.has(node.id)).toBe(false);
        seen.add(node.id);
      }
      after = pageInfo.endCursor;
    }
    expect(seen.size).toBe(250);
  });

  it("lists a customer's own orders and only theirs, across pages", async () => {
    const first = await execute(gatewayUrl, DashboardQuery, { first: 1 }, admin);
    const customerId = first.data!.orders.edges[0]!.node.customer.id;
    const seen = new Set<string>();
    let after: string | null | undefined;
    let total = 0;
    do {
      const result = await execute(gatewayUrl, CustomerOrdersQuery, { id: customerId, after }, admin);
      expect(result.errors).toBeUndefined();
      const connection = result.data!.customer!.orders;
      total = connection.totalCount;
      for (const { node } of connection.edges) {
        expect(node.customer.id).toBe(customerId);
        expect(node.customer.name).toBe(result.data!.customer!.name);
        expect(seen.has(node.id)).toBe(false);
        seen.add(node.id);
      }
      after = connection.pageInfo.hasNextPage ? connection.pageInfo.endCursor : null;
    } while (after);
    expect(seen.size).toBe(total);
    expect(total).toBeGreaterThan(0);
  });

  it('follows a shipment to its order, customer, vehicle and history', async () => {
    // Delivered orders: their shipments keep the vehicle (the newest orders may all be cancelled ones).
    const list = await execute(gatewayUrl, DashboardQuery, { first: 20, status: 'DELIVERED' }, admin);
    const shipment = list.data!.orders.edges.flatMap((e) => e.node.shipments).find((s) => s.vehicle);
    expect(shipment).toBeDefined();
    const result = await execute(
      gatewayUrl,
      ShipmentQuery,
      { trackingNumber: shipment!.trackingNumber },
      admin,
    );
    expect(result.errors).toBeUndefined();
    const detail = result.data!.shipmentByTrackingNumber!;
    expect(detail.id).toBe(shipment!.id);
    expect(detail.order.customer.name).toBeTruthy();
    expect(detail.vehicle!.shipments.map((s) => s.id)).toContain(detail.id);
    expect(detail.events.every((e) => e.shipment.id === detail.id)).toBe(true);
    expect(detail.lastLocation).toEqual(detail.events.at(-1)!.location);
  });

  it('resolves unknown ids to null', async () => {
    const result = await execute(
      gatewayUrl,
      CustomerOrdersQuery,
      {
        id: '00000000-0000-4000-8000-000000000000',
      },
      admin,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.customer).toBeNull();
    const missing = await execute(gatewayUrl, ShipmentQuery, { trackingNumber: 'FG0000000000X' }, admin);
    expect(missing.data!.shipmentByTrackingNumber).toBeNull();
  });
});
