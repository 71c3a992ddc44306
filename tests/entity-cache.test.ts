import { CleanupStack } from '@freightgraph/platform/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { admin, tokens } from './auth';
import { post } from './client';
import { type ExtraInstance, startExtraInstance } from './harness';

// Two gateways with the entity cache on, sharing it in Redis: run only when REDIS_URL is set (CI), like
// redis.test.ts. Without Redis each gateway's cache is its own, and nothing evicts across them.
const redisUrl = process.env.REDIS_URL;
const graph = inject('graph');
const cleanup = new CleanupStack();
let gatewayA: ExtraInstance;
let gatewayB: ExtraInstance;

const ROUNDS = 1_000;

// `order` comes from the orders subgraph; its shipments, last location and latest event are an
// `_entities` fetch to the shipments subgraph: what the entity cache holds.
const READ = `query CachedOrder($id: ID!) {
  order(id: $id) { number shipments { id lastLocation { lat lng } latestEvent { location { lat lng } } } }
}`;
const MOVE = `mutation CacheMove($input: RecordTrackingEventInput!) {
  recordTrackingEvent(input: $input) { id }
}`;
const FIND = `query CacheTarget {
  shipments(first: 50, status: IN_TRANSIT) { edges { node { id order { id } vehicle { id } } } }
}`;
// A root list, cached whole: the driver's shipments out for delivery (row rules: their vehicle's only).
// Whether the target is in it changes with its status, and nothing in the list or its variables names
// the target when it is not: only the eviction of lists of shipments keeps it right.
const OUT_FOR_DELIVERY = `query CacheDriverList { shipments(first: 100, status: OUT_FOR_DELIVERY) { edges { node { id } } } }`;

interface Read {
  order: {
    shipments: {
      id: string;
      lastLocation: { lat: number; lng: number } | null;
      latestEvent: { location: { lat: number; lng: number } } | null;
    }[];
  } | null;
}

/** The sum of every sample of a counter on a gateway's /metrics. */
async function total(url: string, name: string): Promise<number> {
  const authorization = await tokens.internal('admin');
  const text = await (
    await fetch(url.replace(/\/graphql$/, '/metrics'), { headers: { authorization } })
  ).text();
  let sum = 0;
  for (const match of text.matchAll(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\d+(?:\\.\\d+)?)$`, 'gm'))) {
    sum += Number(match[1]);
  }
  return sum;
}

describe.skipIf(!redisUrl)(
  `the entity cache shared by two gateways on Redis${redisUrl ? '' : ' (skipped: REDIS_URL is not set)'}`,
  () => {
    beforeAll(async () => {
      const env = { ENTITY_CACHE: 'on' };
      [gatewayA, gatewayB] = await Promise.all([
        startExtraInstance(graph, 'gateway', {}, env),
        startExtraInstance(graph, 'gateway', {}, env),
      ]);
      cleanup.defer(() => gatewayA.stop());
      cleanup.defer(() => gatewayB.stop());
    }, 180_000);
    afterAll(() => cleanup.run());

    it(`serves ${ROUNDS} reads after writes through the other gateway without one stale answer`, async () => {
      const found = await post<{
        shipments: {
          edges: { node: { id: string; order: { id: string }; vehicle: { id: string } | null } }[];
        };
      }>(graph.gatewayUrl, { query: FIND }, admin);
      // Not the first few: other suites move those.
      const target = found.data!.shipments.edges.at(-3)!.node;
      const read = (url: string) =>
        post<Read>(url, { query: READ, variables: { id: target.order.id } }, admin);
      expect(target.vehicle).not.toBeNull();
      const driver = await tokens.headers('driver', { vehicleId: target.vehicle!.id });
      const outForDelivery = async (url: string) => {
        const list = await post<{ shipments: { edges: { node: { id: string } }[] } }>(
          url,
          { query: OUT_FOR_DELIVERY },
          driver,
        );
        expect(list.errors).toBeUndefined();
        return list.data!.shipments.edges.some((e) => e.node.id === target.id);
      };

      // The cache answers: a second read of the same order is a hit, on the other gateway too.
      const hitsBefore = await total(gatewayB.url, 'freightgraph_gateway_entity_cache_hits_total');
      const first = await read(gatewayA.url);
      expect(first.errors).toBeUndefined();
      expect(first.headers.get('cache-control')).toBe('private, max-age=5');
      await read(gatewayB.url);
      expect(await total(gatewayB.url, 'freightgraph_gateway_entity_cache_hits_total')).toBeGreaterThan(
        hitsBefore,
      );

      // Both lists are cached before the first write, on both gateways.
      for (const gateway of [gatewayA, gatewayB]) expect(await outForDelivery(gateway.url)).toBe(false);

      let stale = 0;
      let staleLists = 0;
      for (let n = 0; n < ROUNDS; n++) {
        const [writer, reader] = n % 2 === 0 ? [gatewayA, gatewayB] : [gatewayB, gatewayA];
        // A position no earlier round wrote: lat 40..60, lng 0..-100, exactly representable. Out for
        // delivery and back in turn (both legal moves), ending in transit as it began.
        const location = { lat: 40 + (n % 80) / 4, lng: -Math.floor(n / 80) - (n % 8) / 8 };
        const status = n % 2 === 0 ? 'OUT_FOR_DELIVERY' : 'IN_TRANSIT';
        const moved = await post(
          writer.url,
          { query: MOVE, variables: { input: { shipmentId: target.id, status, location } } },
          admin,
        );
        expect(moved.errors).toBeUndefined();
        expect(moved.headers.get('cache-control')).toBe('no-store');
        const answer = await read(reader.url);
        const shipment = answer.data?.order?.shipments.find((s) => s.id === target.id);
        if (
          shipment?.lastLocation?.lat !== location.lat ||
          shipment.lastLocation.lng !== location.lng ||
          shipment.latestEvent?.location.lat !== location.lat ||
          shipment.latestEvent.location.lng !== location.lng
        )
          stale++;
        if ((await outForDelivery(reader.url)) !== (status === 'OUT_FOR_DELIVERY')) staleLists++;
      }
      expect({ stale, staleLists }).toEqual({ stale: 0, staleLists: 0 });
      // The reads were served through the cache, and the writes evicted what they changed.
      expect(await total(gatewayA.url, 'freightgraph_gateway_entity_cache_misses_total')).toBeGreaterThan(0);
      expect(
        (await total(gatewayA.url, 'freightgraph_gateway_entity_cache_evictions_total')) +
          (await total(gatewayB.url, 'freightgraph_gateway_entity_cache_evictions_total')),
      ).toBeGreaterThan(0);
    }, 600_000);
  },
);
