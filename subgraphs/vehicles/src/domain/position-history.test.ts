import {
  createMemoryPubSub,
  demoVehicleId,
  openStore,
  type Store,
  type Viewer,
} from '@freightgraph/platform';
import { take, testLogger, testViewer } from '@freightgraph/platform/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extensions } from '../db/extensions';
import { type Schema, schema, type VehiclePositionRow } from '../db/schema';
import { seed } from '../db/seed';
import { publishPosition } from '../events';
import { migrationsFolder } from '../server';
import { positionCursor, positionStream, prunePositions } from './position-history';
import { reportPosition } from './report-position';

let store: Store<Schema>;
const pubsub = createMemoryPubSub();
const admin = testViewer('admin');
const DAY = 24 * 60 * 60 * 1000;
const [one, two] = [demoVehicleId(0), demoVehicleId(1)];

beforeAll(async () => {
  store = await openStore({ schema, logger: testLogger, dataDir: 'memory://', migrationsFolder, extensions });
  await seed(store.db);
}, 180_000);
afterAll(() => store?.close());

let lat = 50;
async function report(vehicleId: string) {
  const vehicle = await reportPosition(store.db, { vehicleId, location: { lat: lat++ % 80, lng: 1 } }, admin);
  await publishPosition(pubsub, testLogger, vehicle);
  return vehicle;
}
const head = async () => (await store.db.select().from(schema.vehiclePositionHead))[0]!;

const stream = (
  ids: string[] | null,
  after: string | undefined,
  viewer: Viewer = admin,
  now?: () => number,
) => positionStream({ db: store.db, pubsub, viewer, vehicleIds: ids, after, retentionMs: DAY, now });

describe('position history streams', () => {
  it('replay the set’s reports after the cursor, then go live, each once and in order (repeated)', async () => {
    for (let round = 0; round < 10; round++) {
      await report(one);
      const from = (await head()).lastSeq;
      await report(two); // not in the set
      const backlog = [await report(one), await report(one)];
      const during = (async () => [await report(one), await report(two), await report(one)])();
      const source = await stream([one], positionCursor.encode(from));
      await during;
      const seen = await take(source, 4, 3_000);
      await source.return?.();
      expect(seen.map((r) => r.vehicleId)).toEqual([one, one, one, one]);
      expect(seen.map((r) => r.seq)).toEqual([...seen.map((r) => r.seq)].sort((a, b) => a - b));
      expect(new Set(seen.map((r) => r.seq)).size).toBe(4);
      expect(seen[0]!.lat).toBe(backlog[0]!.lat);
    }
  }, 60_000);

  it('apply the row rule on replay: a driver sees only their own vehicle', async () => {
    const from = (await head()).lastSeq;
    await report(two);
    await report(one);
    const driver = testViewer('driver', { vehicleId: one });
    const source = await stream(null, positionCursor.encode(from), driver);
    const seen = await take(source, 1, 3_000);
    await source.return?.();
    expect(seen.map((r) => r.vehicleId)).toEqual([one]);
  });

  it('refuse pruned, unissued and old cursors with CURSOR_EXPIRED, garbage with BAD_USER_INPUT', async () => {
    const expired = expect.objectContaining({
      extensions: expect.objectContaining({ code: 'CURSOR_EXPIRED' }),
    });
    await report(one);
    const { lastSeq } = await head();
    await expect(stream([one], positionCursor.encode(lastSeq + 1_000))).rejects.toEqual(expired);
    await report(one);
    await expect(
      stream([one], positionCursor.encode(lastSeq), admin, () => Date.now() + 2 * DAY),
    ).rejects.toEqual(expired);
    expect(await prunePositions(store.db, DAY, Date.now() + 2 * DAY)).toBeGreaterThan(0);
    expect((await head()).prunedSeq).toBe(lastSeq + 1);
    await expect(stream([one], positionCursor.encode(lastSeq))).rejects.toEqual(expired);
    await expect(stream([one], 'garbage')).rejects.toEqual(
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) }),
    );
  });
});
