import { testTokens } from '@freightgraph/platform/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from './client';
import { type ExtraInstance, type RunningGraph, startExtraInstance, startGraph } from './harness';
import { eventsAfter, history, movingShipments, steadyWriter, subscriber } from './resume-kit';

// Two shipments instances on one PostgreSQL, their wake-ups through Redis: CI's PostgreSQL + Redis pass.
// The gateway has one URL per subgraph in its supergraph; the second instance is reached through
// SUBSCRIPTION_FAILOVER_URLS, which it tries next when the first one's socket goes.
const shared = Boolean(process.env.REDIS_URL && process.env.SHIPMENTS_DATABASE_URL);
let graph: RunningGraph;
let shipmentsB: ExtraInstance;
let gateway: ExtraInstance;
let admin: Record<string, string>;

describe.skipIf(!shared)(
  `two shipments instances behind the gateway${shared ? '' : ' (skipped: needs REDIS_URL and SHIPMENTS_DATABASE_URL)'}`,
  () => {
    beforeAll(async () => {
      graph = await startGraph();
      admin = await testTokens(graph.layout.dataDir).headers('admin');
      shipmentsB = await startExtraInstance(graph, 'shipments');
      gateway = await startExtraInstance(
        graph,
        'gateway',
        {},
        {
          SUBSCRIPTION_FAILOVER_WINDOW_MS: '240000',
          SUBSCRIPTION_FAILOVER_URLS: `shipments=${shipmentsB.url}`,
        },
      );
    }, 400_000);
    afterAll(async () => {
      await gateway?.stop();
      await shipmentsB?.stop();
      await graph?.stop();
    });

    it('kill -9 one: every subscriber still gets every committed event exactly once, in order', async () => {
      const tokens = testTokens(graph.layout.dataDir);
      const shipmentId = (await movingShipments(gateway.url, admin))[5]!;
      // Read from B: the gateway's queries go to A only.
      const atB = { authorization: await tokens.internal('admin') };
      const start = (await history(shipmentsB.url, atB, shipmentId)).latest;
      const subscribers = Array.from({ length: 50 }, () =>
        subscriber(gateway.url, { authorization: admin.authorization }, shipmentId, start),
      );
      // Written through B throughout: it outlives A.
      const writer = steadyWriter(shipmentsB.url, () => tokens.internal('admin'), shipmentId);
      try {
        await eventually(
          () => expect(Math.min(...subscribers.map((s) => s.received.length))).toBeGreaterThan(10),
          60_000,
        );
        await graph.processes.get('shipments')!.kill();
        const killedAt = writer.committed();
        await eventually(() => expect(writer.committed()).toBeGreaterThan(killedAt + 20), 60_000);
      } finally {
        await writer.stop();
      }
      atB.authorization = await tokens.internal('admin');
      const expected = eventsAfter((await history(shipmentsB.url, atB, shipmentId)).events, start);
      // B's relay takes over the wake-ups once A's lease has expired.
      await eventually(
        () =>
          expect(Math.min(...subscribers.map((s) => s.received.length))).toBeGreaterThanOrEqual(
            expected.length,
          ),
        120_000,
      );
      for (const s of subscribers) {
        expect(s.errors).toEqual([]);
        expect(s.received).toEqual(expected);
        s.close();
      }
    }, 400_000);
  },
);
