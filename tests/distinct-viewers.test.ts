import { CleanupStack, subscribe, type TestSubscription, wsClient } from '@freightgraph/platform/testing';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { admin, tokens } from './auth';
import { eventually, metric, post } from './client';

// Many viewers, one pool: the gateway multiplexes distinct viewers' upstream subscriptions over at most
// SUBSCRIPTION_UPSTREAM_CONNECTIONS (default 4) sockets to shipments, each subscription with its own
// viewer token, which the subgraph verifies and applies (row rules included).
const { gatewayUrl, subgraphUrls } = inject('graph');
const cleanup = new CleanupStack();
afterAll(() => cleanup.run());

const VIEWERS = 50;
const MAX_UPSTREAM_CONNECTIONS = 4;
const TRACK = `subscription Own($shipmentId: ID!) {
  trackingUpdates(shipmentId: $shipmentId) { id note shipment { id order { customer { id } } } }
}`;
const MOVING = `query Moving($after: String) {
  shipments(first: 100, after: $after, status: IN_TRANSIT) {
    edges { node { id order { customer { id } } } } pageInfo { hasNextPage endCursor }
  }
}`;
const RECORD = `mutation Record($input: RecordTrackingEventInput!) { recordTrackingEvent(input: $input) { id } }`;

type Update = { trackingUpdates: { id: string; note: string; shipment: { id: string } } };

async function moving() {
  const found: { id: string; customerId: string }[] = [];
  for (let after: string | null = null; ; ) {
    const page = (await post(gatewayUrl, { query: MOVING, variables: { after } }, admin)).data!.shipments as {
      edges: { node: { id: string; order: { customer: { id: string } } } }[];
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
    };
    found.push(...page.edges.map((e) => ({ id: e.node.id, customerId: e.node.order.customer.id })));
    if (!page.pageInfo.hasNextPage || found.length >= VIEWERS) return found.slice(0, VIEWERS);
    after = page.pageInfo.endCursor;
  }
}

const internal = () => tokens.internal('admin');
const shipmentsMetric = async (name: string) => metric(subgraphUrls.shipments, name, await internal());

describe('distinct viewers over a bounded upstream pool', () => {
  it('streams each customer only its own events over at most the configured connections', async () => {
    const shipments = await moving();
    expect(shipments.length).toBeGreaterThanOrEqual(20);
    const listenersBefore = await shipmentsMetric('freightgraph_pubsub_subscribers');
    const viewers: { shipmentId: string; updates: TestSubscription<Update> }[] = [];
    for (const [i, shipment] of shipments.entries()) {
      const authorization = await tokens.bearer('customer', {
        sub: `distinct-viewer-${i}`,
        customerId: shipment.customerId,
      });
      const client = wsClient(gatewayUrl, { authorization });
      cleanup.defer(() => client.dispose());
      const updates = subscribe<Update>(client, { query: TRACK, variables: { shipmentId: shipment.id } });
      viewers.push({ shipmentId: shipment.id, updates });
    }
    // Nothing to share: one upstream subscription per viewer, over a bounded number of sockets.
    await eventually(
      async () =>
        expect(await shipmentsMetric('freightgraph_pubsub_subscribers')).toBe(
          listenersBefore + viewers.length,
        ),
      30_000,
    );
    const connections = await shipmentsMetric('freightgraph_ws_connections');
    expect(connections).toBeGreaterThanOrEqual(1);
    expect(connections).toBeLessThanOrEqual(MAX_UPSTREAM_CONNECTIONS);

    const recorded = new Map<string, string>();
    for (const [i, { shipmentId }] of viewers.entries()) {
      const result = await post(
        gatewayUrl,
        {
          query: RECORD,
          variables: {
            input: { shipmentId, status: 'IN_TRANSIT', location: { lat: 48.1, lng: 11.6 }, note: `own ${i}` },
          },
        },
        admin,
      );
      expect(result.errors).toBeUndefined();
      recorded.set(shipmentId, (result.data!.recordTrackingEvent as { id: string }).id);
    }
    for (const [i, { shipmentId, updates }] of viewers.entries()) {
      const event = await updates.next(15_000);
      expect(event.errors).toBeUndefined();
      expect(event.data?.trackingUpdates).toMatchObject({
        id: recorded.get(shipmentId),
        note: `own ${i}`,
        shipment: { id: shipmentId },
      });
    }
    // Nobody received anyone else's event.
    await new Promise((resolve) => setTimeout(resolve, 500));
    for (const { updates } of viewers) expect(updates.pending()).toBe(0);
    for (const { updates } of viewers) updates.unsubscribe();
    await eventually(async () =>
      expect(await shipmentsMetric('freightgraph_pubsub_subscribers')).toBe(listenersBefore),
    );
  });

  it("refuses a customer following another customer's shipment, as over its own connection", async () => {
    const [mine, ...others] = await moving();
    const theirs = others.find((shipment) => shipment.customerId !== mine!.customerId);
    expect(theirs).toBeDefined();
    const client = wsClient(gatewayUrl, {
      authorization: await tokens.bearer('customer', {
        sub: 'distinct-stranger',
        customerId: mine!.customerId,
      }),
    });
    cleanup.defer(() => client.dispose());
    const own = subscribe<Update>(client, { query: TRACK, variables: { shipmentId: mine!.id } });
    const denied = subscribe<Update>(client, { query: TRACK, variables: { shipmentId: theirs!.id } });
    const refused = await denied.next();
    expect(refused.data ?? null).toBeNull();
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', serviceName: 'shipments' });
    expect(await denied.ended).toEqual({});

    // The refusal ended that subscription only: the viewer's own one still streams.
    await eventually(async () => {
      await post(
        gatewayUrl,
        {
          query: RECORD,
          variables: { input: { shipmentId: mine!.id, status: 'IN_TRANSIT', location: { lat: 1, lng: 2 } } },
        },
        admin,
      );
      expect((await own.next(1_000)).data?.trackingUpdates.shipment.id).toBe(mine!.id);
    }, 15_000);
    own.unsubscribe();
  });
});
