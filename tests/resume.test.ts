import { testTokens } from '@freightgraph/platform/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from './client';
import { type RunningGraph, startGraph } from './harness';
import {
  eventsAfter,
  expectExactlyOnce,
  history,
  movingShipments,
  steadyWriter,
  subscriber,
} from './resume-kit';

// Its own graph: this file kills and restarts shipments and the gateway. The writer posts straight to
// the shipments subgraph (with the internal token), so events keep being committed while the gateway is
// down; while shipments is down its attempts fail, and what counts is what the store committed.
let graph: RunningGraph;
let tokens: ReturnType<typeof testTokens>;
let admin: Record<string, string>;
let moving: string[];
const internal = () => tokens.internal('admin');

beforeAll(async () => {
  graph = await startGraph({ env: { SUBSCRIPTION_FAILOVER_WINDOW_MS: '240000' } });
  tokens = testTokens(graph.layout.dataDir);
  admin = await tokens.headers('admin');
  moving = await movingShipments(graph.gatewayUrl, admin);
}, 300_000);
afterAll(() => graph?.stop());

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Subscriber = ReturnType<typeof subscriber>;

/** Every subscriber got exactly the events committed after `start`, in order, and no error; then closes them. */
async function expectEveryEventOnce(subscribers: Subscriber[], shipmentId: string, start: string | null) {
  const expected = eventsAfter((await history(graph.gatewayUrl, admin, shipmentId)).events, start);
  await expectExactlyOnce(subscribers, expected);
  for (const s of subscribers) s.close();
}

describe('subscriptions that never lose an event', () => {
  it('200 subscribers get every committed event exactly once, in order, across kill -9 and restart of shipments', async () => {
    const shipmentId = moving[0]!;
    const start = (await history(graph.gatewayUrl, admin, shipmentId)).latest;
    const subscribers = Array.from({ length: 200 }, () =>
      subscriber(graph.gatewayUrl, { authorization: admin.authorization }, shipmentId, start),
    );
    const writer = steadyWriter(graph.subgraphUrls.shipments, internal, shipmentId);
    try {
      await eventually(
        () => expect(Math.min(...subscribers.map((s) => s.received.length))).toBeGreaterThan(10),
        60_000,
      );
      await graph.processes.get('shipments')!.kill();
      await wait(1_000);
      await graph.restart('shipments');
      const resumedAt = writer.committed();
      await eventually(() => expect(writer.committed()).toBeGreaterThan(resumedAt + 15), 60_000);
    } finally {
      await writer.stop();
    }
    await expectEveryEventOnce(subscribers, shipmentId, start);
  }, 400_000);

  it('clients reconnect after a gateway restart with their cursor and get every event exactly once', async () => {
    const shipmentId = moving[1]!;
    const start = (await history(graph.gatewayUrl, admin, shipmentId)).latest;
    const subscribers = Array.from({ length: 20 }, () =>
      subscriber(graph.gatewayUrl, { authorization: admin.authorization }, shipmentId, start, {
        resume: true,
      }),
    );
    const writer = steadyWriter(graph.subgraphUrls.shipments, internal, shipmentId);
    try {
      await eventually(
        () => expect(Math.min(...subscribers.map((s) => s.received.length))).toBeGreaterThan(5),
        60_000,
      );
      await graph.processes.get('gateway')!.kill();
      await wait(1_000);
      await graph.restart('gateway');
      await eventually(
        () => expect(Math.min(...subscribers.map((s) => s.reconnects))).toBeGreaterThan(0),
        60_000,
      );
      const resumedAt = writer.committed();
      await eventually(() => expect(writer.committed()).toBeGreaterThan(resumedAt + 15), 60_000);
    } finally {
      await writer.stop();
    }
    await expectEveryEventOnce(subscribers, shipmentId, start);
  }, 400_000);

  it('a subscriber resuming from an old cursor while events keep arriving sees no gap and no duplicate (repeated)', async () => {
    const shipmentId = moving[2]!;
    const writer = steadyWriter(graph.subgraphUrls.shipments, internal, shipmentId, 10);
    try {
      await eventually(() => expect(writer.committed()).toBeGreaterThan(30), 60_000);
      for (let round = 0; round < 25; round++) {
        const { events } = await history(graph.gatewayUrl, admin, shipmentId);
        const from = events[events.length - 1 - (round % 20)]!.cursor;
        const s = subscriber(graph.gatewayUrl, { authorization: admin.authorization }, shipmentId, from);
        const target = (round % 20) + 5; // the replayed ones, and some committed while replaying
        await eventually(() => expect(s.received.length).toBeGreaterThanOrEqual(target), 30_000);
        s.close();
        const committed = eventsAfter((await history(graph.gatewayUrl, admin, shipmentId)).events, from);
        expect(s.errors).toEqual([]);
        expect(s.received).toEqual(committed.slice(0, s.received.length));
      }
    } finally {
      await writer.stop();
    }
  }, 400_000);

  it('answers a malformed cursor with BAD_USER_INPUT and one outside the history with CURSOR_EXPIRED', async () => {
    const shipmentId = moving[3]!;
    const { events } = await history(graph.gatewayUrl, admin, shipmentId);
    const outcome = async (cursor: string) => {
      const s = subscriber(graph.gatewayUrl, { authorization: admin.authorization }, shipmentId, cursor);
      await eventually(() => expect(s.errors.length).toBeGreaterThan(0));
      s.close();
      return s.errors;
    };
    expect(await outcome('nonsense')).toEqual([
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) }),
    ]);
    // The seeded history is days old: far beyond the replayable day.
    expect(await outcome(events[0]!.cursor)).toEqual([
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'CURSOR_EXPIRED' }) }),
    ]);
  }, 60_000);
});
