import { demoVehicleId } from '@freightgraph/platform';
import { testTokens } from '@freightgraph/platform/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from './client';
import { type RunningGraph, startGraph } from './harness';
import {
  errorCodes,
  eventsAfter,
  expectExactlyOnce,
  positionStream,
  positionWriter,
  type Received,
  type SteadyWriter,
  type Subscriber,
  streamSubscriber,
} from './resume-kit';

// `vehiclePositionUpdates` end to end: reports kept in the position history, streamed through the
// gateway. Its own graph: this file kills and restarts the vehicles subgraph (the last test with a short
// retention). The writers post straight to the vehicles subgraph (internal token); while it is down their
// attempts fail, and what counts is what the history holds, replayed from it by a fresh subscriber.
let graph: RunningGraph;
let tokens: ReturnType<typeof testTokens>;
let admin: { authorization: string };
const internal = () => tokens.internal('admin');

beforeAll(async () => {
  graph = await startGraph({ env: { SUBSCRIPTION_FAILOVER_WINDOW_MS: '240000' } });
  tokens = testTokens(graph.layout.dataDir);
  admin = { authorization: (await tokens.headers('admin')).authorization! };
}, 300_000);
afterAll(() => graph?.stop());

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const writer = (vehicleId: string, everyMs?: number) =>
  positionWriter(graph.subgraphUrls.vehicles, internal, vehicleId, everyMs);

/** A live subscriber's reports once the stream is known to be live: it received one of `writes` (any vehicle's). */
async function live(vehicleIds: string[], writes: SteadyWriter[]): Promise<Subscriber> {
  const s = streamSubscriber(graph.gatewayUrl, admin, positionStream(vehicleIds), null);
  await eventually(() => expect(s.received.length).toBeGreaterThan(0), 60_000);
  // The report may reach the subscriber before its writer has read the answer.
  await eventually(
    () => expect(writes.flatMap((w) => w.acknowledged)).toEqual(expect.arrayContaining([s.received[0]!.id])),
    10_000,
  );
  return s;
}

/** What the history holds after `after` for these vehicles: a fresh subscriber's replay of it, once `atLeast` arrived and then nothing more. */
async function replayed(vehicleIds: string[], after: string, atLeast: number): Promise<Received[]> {
  const s = streamSubscriber(graph.gatewayUrl, admin, positionStream(vehicleIds), after);
  await eventually(() => expect(s.received.length).toBeGreaterThanOrEqual(atLeast), 60_000);
  let seen = -1;
  await eventually(async () => {
    seen = s.received.length;
    await wait(500);
    expect(s.received.length).toBe(seen);
  }, 60_000);
  s.close();
  expect(s.errors).toEqual([]);
  return s.received;
}

/** Whether `subset` appears in `list` in the same order. */
const inOrder = (subset: readonly string[], list: readonly string[]) => {
  let i = 0;
  for (const id of list) if (id === subset[i]) i++;
  return i === subset.length;
};

describe('vehiclePositionUpdates through the gateway', () => {
  it('resuming from a cursor while positions keep arriving: no gap, no duplicate at the hand-over (repeated)', async () => {
    const vehicleId = demoVehicleId(1);
    const writes = writer(vehicleId, 10);
    try {
      const reference = await live([vehicleId], [writes]);
      await eventually(() => expect(reference.received.length).toBeGreaterThan(30), 60_000);
      for (let round = 0; round < 20; round++) {
        const back = (round % 15) + 1;
        const from = reference.received[reference.received.length - back]!.cursor;
        const s = streamSubscriber(graph.gatewayUrl, admin, positionStream([vehicleId]), from);
        const target = back + 5; // the replayed ones, and some reported while replaying
        await eventually(() => expect(s.received.length).toBeGreaterThanOrEqual(target), 30_000);
        s.close();
        expect(s.errors).toEqual([]);
        // The reference has seen at least as far by now (both were sent the same reports).
        await eventually(
          () =>
            expect(eventsAfter(reference.received, from).length).toBeGreaterThanOrEqual(s.received.length),
          30_000,
        );
        expect(s.received).toEqual(eventsAfter(reference.received, from).slice(0, s.received.length));
      }
      reference.close();
      expect(reference.errors).toEqual([]);
      await writes.stop();
      // The reference stream itself: every acknowledged report after its first one, in order, once.
      const ids = reference.received.map((r) => r.id);
      expect(new Set(ids).size).toBe(ids.length);
      const acknowledged = writes.acknowledged.slice(writes.acknowledged.indexOf(ids[0]!));
      expect(ids).toEqual(acknowledged.slice(0, ids.length));
    } finally {
      await writes.stop();
    }
  }, 300_000);

  it('kill -9 of vehicles and restart: subscribers get every kept report exactly once, in order, without an error', async () => {
    const followed = [demoVehicleId(2), demoVehicleId(3)];
    const writes = followed.map((id) => writer(id, 30));
    let start = '';
    let subscribers: Subscriber[] = [];
    try {
      const first = await live(followed, writes);
      start = first.received.at(-1)!.cursor;
      first.close();
      subscribers = Array.from({ length: 20 }, () =>
        streamSubscriber(graph.gatewayUrl, admin, positionStream(followed), start),
      );
      await eventually(
        () => expect(Math.min(...subscribers.map((s) => s.received.length))).toBeGreaterThan(10),
        60_000,
      );
      await graph.processes.get('vehicles')!.kill();
      await wait(1_000);
      await graph.restart('vehicles');
      const resumedAt = writes[0]!.committed();
      await eventually(() => expect(writes[0]!.committed()).toBeGreaterThan(resumedAt + 15), 60_000);
    } finally {
      await Promise.all(writes.map((w) => w.stop()));
    }
    const expected = await replayed(followed, start, Math.min(...subscribers.map((s) => s.received.length)));
    // The history holds every acknowledged report after the start, each vehicle's in the order they
    // were made (and maybe one whose answer the kill cut off).
    const ids = expected.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const w of writes) {
      const kept = w.acknowledged.slice(w.acknowledged.findIndex((id) => ids.includes(id)));
      expect(kept.length).toBeGreaterThan(15);
      expect(inOrder(kept, ids)).toBe(true);
    }
    await expectExactlyOnce(subscribers, expected);
    for (const s of subscribers) s.close();
  }, 300_000);

  it('answers a malformed cursor with BAD_USER_INPUT and one older than the retention with CURSOR_EXPIRED', async () => {
    const vehicleId = demoVehicleId(4);
    const outcome = async (cursor: string) => {
      const s = streamSubscriber(graph.gatewayUrl, admin, positionStream([vehicleId]), cursor);
      await eventually(() => expect(s.errors.length).toBeGreaterThan(0), 60_000);
      s.close();
      expect(s.received).toEqual([]);
      return errorCodes(s.errors);
    };
    expect(await outcome('nonsense')).toEqual(['BAD_USER_INPUT']);

    // The history kept for 5 s, pruned every 100 ms.
    await graph.processes.get('vehicles')!.kill();
    await graph.restart('vehicles', {
      VEHICLE_POSITION_RETENTION_MS: '5000',
      VEHICLE_POSITION_PRUNE_INTERVAL_MS: '100',
    });
    const writes = writer(vehicleId, 50);
    let old = '';
    try {
      const s = await live([vehicleId], [writes]);
      old = s.received[0]!.cursor;
      // A fresh cursor resumes.
      const resumed = streamSubscriber(
        graph.gatewayUrl,
        admin,
        positionStream([vehicleId]),
        s.received.at(-1)!.cursor,
      );
      await eventually(() => expect(resumed.received.length).toBeGreaterThan(2), 60_000);
      resumed.close();
      expect(resumed.errors).toEqual([]);
      s.close();
      // Once its reports are older than the retention, the first one's cursor has expired.
      await wait(5_500);
    } finally {
      await writes.stop();
    }
    expect(await outcome(old)).toEqual(['CURSOR_EXPIRED']);
  }, 300_000);
});
