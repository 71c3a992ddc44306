import { CleanupStack, subscribe, wsClient } from '@freightgraph/platform/testing';
import { print } from 'graphql';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { graphql } from './__generated__';
import { admin, tokens } from './auth';
import { eventually, execute, metric } from './client';
import { type ExtraInstance, startExtraInstance } from './harness';

// CI's real-engines pass sets REDIS_URL and the PostgreSQL URLs (`.ci/run`); every service then publishes
// through Redis. Replicas of shipments share one store, as in production: a stream reads the events after
// its cursor from the store, so a replica on an embedded store of its own would never see the other's.
// Without both there is nothing to test here, and this file says so and skips.
const redisUrl = process.env.SHIPMENTS_DATABASE_URL ? process.env.REDIS_URL : undefined;
const graph = inject('graph');
const cleanup = new CleanupStack();
let shipmentsB: ExtraInstance;
let gatewayB: ExtraInstance;

const Track = graphql(`
  subscription CrossInstanceTracking($shipmentId: ID!) {
    trackingUpdates(shipmentId: $shipmentId) {
      note
      shipment { id trackingNumber order { customer { name } } }
    }
  }
`);

const Moving = graphql(`
  query CrossInstanceShipments {
    shipments(first: 40, status: IN_TRANSIT) { edges { node { id trackingNumber order { customer { name } } } } }
  }
`);

const Move = graphql(`
  mutation CrossInstanceMove($input: RecordTrackingEventInput!) { recordTrackingEvent(input: $input) { id } }
`);

describe.skipIf(!redisUrl)(
  `two gateways and two shipments instances on Redis${redisUrl ? '' : ' (skipped: REDIS_URL and SHIPMENTS_DATABASE_URL are not both set)'}`,
  () => {
    beforeAll(async () => {
      shipmentsB = await startExtraInstance(graph, 'shipments');
      cleanup.defer(() => shipmentsB.stop());
      // Gateway B reaches shipments B only; gateway A (the suite's) reaches shipments A only.
      gatewayB = await startExtraInstance(graph, 'gateway', { shipments: shipmentsB.layout.ports.shipments });
      cleanup.defer(() => gatewayB.stop());
    }, 180_000);
    afterAll(() => cleanup.run());

    it('delivers an event committed through one instance to subscribers connected through the other', async () => {
      const nodes = (await execute(graph.gatewayUrl, Moving, {}, admin)).data!.shipments.edges.map(
        (edge) => edge.node,
      );
      const shipment = nodes.at(-6)!;
      const routes = [
        {
          subscribeAt: gatewayB.url,
          shipmentsAt: shipmentsB.url,
          mutateAt: graph.gatewayUrl,
          note: 'A to B',
        },
        {
          subscribeAt: graph.gatewayUrl,
          shipmentsAt: graph.subgraphUrls.shipments,
          mutateAt: gatewayB.url,
          note: 'B to A',
        },
      ];
      for (const route of routes) {
        const client = wsClient(route.subscribeAt, { authorization: admin.authorization });
        cleanup.defer(() => client.dispose());
        const before = await metric(
          route.shipmentsAt,
          'freightgraph_pubsub_subscribers',
          await tokens.internal('admin'),
        );
        const updates = subscribe(client, { query: print(Track), variables: { shipmentId: shipment.id } });
        await eventually(async () =>
          expect(
            await metric(
              route.shipmentsAt,
              'freightgraph_pubsub_subscribers',
              await tokens.internal('admin'),
            ),
          ).toBe(before + 1),
        );
        const moved = await execute(
          route.mutateAt,
          Move,
          {
            input: {
              shipmentId: shipment.id,
              status: 'IN_TRANSIT',
              location: { lat: 48.1, lng: 11.6 },
              note: route.note,
            },
          },
          admin,
        );
        expect(moved.errors).toBeUndefined();
        expect((await updates.next()).data).toEqual({
          trackingUpdates: {
            note: route.note,
            shipment: { id: shipment.id, trackingNumber: shipment.trackingNumber, order: shipment.order },
          },
        });
        updates.unsubscribe();
      }
    });
  },
);
