import { DEMO, demoVehicleId, openStore, type Store } from '@freightgraph/platform';
import { testLogger } from '@freightgraph/platform/testing';
import { asc } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extensions } from './db/extensions';
import { type Schema, schema, vehicles } from './db/schema';
import { demoVehicles, seed } from './db/seed';
import { migrationsFolder } from './server';

let store: Store<Schema>;

beforeAll(async () => {
  store = await openStore({ schema, logger: testLogger, dataDir: 'memory://', migrationsFolder, extensions });
}, 180_000);

afterAll(() => store?.close());

const CAPACITY = {
  CARGO_BIKE: [100, 250],
  VAN: [800, 1_600],
  BOX_TRUCK: [5_000, 10_000],
  ARTICULATED_TRUCK: [20_000, 28_000],
} as const;

describe('vehicles seed', () => {
  it('inserts DEMO.vehicles rows once, then nothing', async () => {
    expect(await seed(store.db)).toBe(DEMO.vehicles);
    const before = store.statements();
    expect(await seed(store.db)).toBe(0);
    // The fast path is one count, not a re-insert of every chunk.
    expect(store.statements() - before).toBe(1);
    const rows = await store.db.select().from(vehicles).orderBy(asc(vehicles.id));
    expect(rows.map((row) => row.id).sort()).toEqual(
      Array.from({ length: DEMO.vehicles }, (_, i) => demoVehicleId(i)).sort(),
    );
  });

  it('is the same fleet on every run', () => {
    expect(demoVehicles()).toEqual(demoVehicles());
  });

  it('looks like a real fleet', () => {
    const fleet = demoVehicles();
    expect(new Set(fleet.map((v) => v.registration)).size).toBe(fleet.length);
    for (const v of fleet) {
      expect(v.registration).toMatch(/^[A-HJ-PR-Y]{2}\d\d [A-HJ-PR-Y]{3}$/);
      const [min, max] = CAPACITY[v.kind];
      expect(v.capacityKg).toBeGreaterThanOrEqual(min);
      expect(v.capacityKg).toBeLessThanOrEqual(max);
      expect(v.lat === null).toBe(v.positionUpdatedAt === null);
      if (v.status !== 'MAINTENANCE') expect(v.lat).not.toBeNull();
    }
    const byStatus = (status: string) => fleet.filter((v) => v.status === status).length;
    expect(byStatus('ON_ROUTE')).toBeGreaterThan(fleet.length / 2);
    expect(byStatus('AVAILABLE')).toBeGreaterThan(0);
    expect(byStatus('MAINTENANCE')).toBeGreaterThan(0);
    expect(new Set(fleet.map((v) => v.kind)).size).toBe(4);
  });
});
