/**
 * Memory after subscription churn: 4 rounds of 500 clients subscribing through a gateway, receiving one
 * event and leaving. After a forced full GC (through each process's inspector) the heap the gateway and
 * the shipments subgraph retain must not grow from round to round: less than 8 MB from after the first
 * round (which warms query-plan and schema caches) to after the fourth, when even 4 KB left behind per
 * subscription would be 6 MB; and within 20 MB of the idle heap. RSS is not asserted: V8 and malloc keep
 * freed pages as a high-water mark (README, Troubleshooting).
 */
import { afterAll, describe, expect, inject, it } from 'vitest';
import { churner } from './churn';
import { type ExtraInstance, startExtraInstance } from './harness';
import { connectInspector, type Inspector } from './inspector';

const ROUNDS = 4;
const SUBSCRIBERS = 500;
const MB = 1024 * 1024;
const stops: (() => unknown)[] = [];
afterAll(async () => {
  for (let stop = stops.pop(); stop; stop = stops.pop()) await stop();
});

describe('subscription churn', () => {
  const graph = inject('graph');

  it('leaves the retained heap of the gateway and shipments where it was', async () => {
    const inspect = { NODE_OPTIONS: '--inspect=127.0.0.1:0' };
    const shipments: ExtraInstance = await startExtraInstance(graph, 'shipments', {}, inspect);
    stops.push(() => shipments.stop());
    const gateway: ExtraInstance = await startExtraInstance(
      graph,
      'gateway',
      { shipments: shipments.layout.ports.shipments },
      inspect,
    );
    stops.push(() => gateway.stop());
    const inspectors: Record<string, Inspector> = {
      gateway: await connectInspector(gateway.process.output()),
      shipments: await connectInspector(shipments.process.output()),
    };
    for (const inspector of Object.values(inspectors)) stops.push(() => inspector.close());
    const heaps = async () => ({
      gateway: (await inspectors.gateway!.memoryAfterGc()).heapUsed,
      shipments: (await inspectors.shipments!.memoryAfterGc()).heapUsed,
    });

    const round = await churner({
      gatewayUrl: gateway.url,
      shipmentsUrl: shipments.url,
      dataDir: graph.layout.dataDir,
    });
    const idle = await heaps();
    await round(SUBSCRIBERS);
    const warm = await heaps();
    for (let r = 2; r <= ROUNDS; r++) await round(SUBSCRIBERS);
    const after = await heaps();
    for (const name of ['gateway', 'shipments'] as const) {
      const figures = `${name}: idle ${idle[name] / MB} MB, round 1 ${warm[name] / MB} MB, round ${ROUNDS} ${after[name] / MB} MB`;
      expect(after[name] - warm[name], figures).toBeLessThan(8 * MB);
      expect(after[name] - idle[name], figures).toBeLessThan(20 * MB);
    }
  }, 900_000);
});
