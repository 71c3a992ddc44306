import { randomUUID } from 'node:crypto';
import { openStore, queryRows, type Store } from '@freightgraph/platform';
import { testLogger } from '@freightgraph/platform/testing';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extensions } from '../db/extensions';
import { reservations, type Schema, schema, vehicles } from '../db/schema';
import { migrationsFolder } from '../server';
import { fittingKinds } from './fitting-kinds';
import { releaseCapacity } from './release-capacity';
import { nearestFreeQuery, reserveCapacity } from './reserve-capacity';

const LONDON = { lat: 51.5074, lng: -0.1278 };
const PARIS = { lat: 48.8566, lng: 2.3522 };

type Kind = (typeof vehicles.$inferInsert)['kind'];
const vehicle = (
  kind: Kind,
  capacityKg: number,
  at: { lat: number; lng: number },
  status = 'AVAILABLE' as const,
) => ({
  id: randomUUID(),
  registration: `T${randomUUID().slice(0, 8)}`,
  kind,
  capacityKg,
  status,
  ...at,
});

const request = (weightKg: number, origin = LONDON) => ({
  shipmentId: randomUUID(),
  orderId: randomUUID(),
  weightKg,
  origin,
});

/** A throwaway database: PGlite in memory, or a fresh database beside VEHICLES_DATABASE_URL's. */
async function freshStore(
  kind: 'pglite' | 'postgres',
): Promise<{ store: Store<Schema>; drop(): Promise<void> }> {
  if (kind === 'pglite') {
    const store = await openStore({
      schema,
      logger: testLogger,
      dataDir: 'memory://',
      migrationsFolder,
      extensions,
    });
    return { store, drop: () => store.close() };
  }
  const { default: pg } = await import('pg');
  const base = new URL(process.env.VEHICLES_DATABASE_URL as string);
  const name = `vehicles_reserve_test_${randomUUID().slice(0, 8)}`;
  const admin = new pg.Client({ connectionString: base.href });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(base.href);
  url.pathname = `/${name}`;
  const store = await openStore({
    schema,
    logger: testLogger,
    databaseUrl: url.href,
    dataDir: 'memory://',
    migrationsFolder,
    poolSize: 20,
  });
  return {
    store,
    drop: async () => {
      await store.close();
      await admin.query(`drop database if exists ${name}`);
      await admin.end();
    },
  };
}

const engines = ['pglite', ...(process.env.VEHICLES_DATABASE_URL ? ['postgres' as const] : [])] as const;

describe('fitting kinds', () => {
  it('keeps parcels off articulated trucks and freight off cargo bikes', () => {
    expect(fittingKinds(12)).toEqual(['CARGO_BIKE', 'VAN', 'BOX_TRUCK']);
    expect(fittingKinds(1_200)).toEqual(['VAN', 'BOX_TRUCK', 'ARTICULATED_TRUCK']);
    expect(fittingKinds(5_000)).toEqual(['BOX_TRUCK', 'ARTICULATED_TRUCK']);
  });
});

describe.each(engines)('reserving capacity on %s', (engine) => {
  let fresh: Awaited<ReturnType<typeof freshStore>>;
  beforeAll(async () => {
    fresh = await freshStore(engine);
  }, 120_000);
  afterAll(() => fresh?.drop());
  // One store for the file (migrating one takes seconds); each test starts from an empty fleet.
  const open = async () => {
    await fresh.store.db.execute(sql`truncate vehicle_positions, vehicle_reservations, vehicles`);
    return fresh.store;
  };

  it('chooses the nearest AVAILABLE vehicle of a fitting kind with the free capacity', async () => {
    const { db } = await open();
    const nearButBusy = vehicle('VAN', 1_000, LONDON, 'ON_ROUTE' as never);
    const nearTooSmall = vehicle('VAN', 50, { lat: 51.51, lng: -0.13 });
    const nearWrongKind = vehicle('ARTICULATED_TRUCK', 24_000, { lat: 51.52, lng: -0.12 });
    const fits = vehicle('VAN', 1_000, { lat: 51.75, lng: -1.25 }); // Oxford, ~80 km
    const farther = vehicle('VAN', 1_000, PARIS);
    await db.insert(vehicles).values([nearButBusy, nearTooSmall, nearWrongKind, fits, farther]);
    const outcome = await db.transaction((tx) => reserveCapacity(tx, request(80)));
    expect(outcome.kind).toBe('reserved');
    if (outcome.kind !== 'reserved') return;
    expect(outcome.vehicleId).toBe(fits.id);
    expect(outcome.distanceKm).toBeGreaterThan(70);
    expect(outcome.distanceKm).toBeLessThan(90);
    const [row] = await db.select().from(vehicles).where(eq(vehicles.id, fits.id));
    expect(row?.reservedGrams).toBe(80_000);
  });

  it('plans the search as a KNN scan of the GiST index', async () => {
    const { db } = await open();
    // A fleet across Europe, most of it busy: the plan must not read it all to find the nearest.
    const fleet = Array.from({ length: 400 }, (_, i) =>
      vehicle(
        i % 2 ? 'VAN' : 'BOX_TRUCK',
        1_000 + i,
        { lat: 40 + (i % 20), lng: -5 + i / 20 },
        (i % 3 ? 'ON_ROUTE' : 'AVAILABLE') as never,
      ),
    );
    await db.insert(vehicles).values(fleet);
    await db.execute(sql`analyze vehicles`);
    const plan = await queryRows<Record<'QUERY PLAN', string>>(
      db,
      sql`explain ${nearestFreeQuery(request(80), 80_000, true)}`,
    );
    const text = plan.map((r) => r['QUERY PLAN']).join('\n');
    expect(text).toMatch(/Index Scan using vehicles_position_earth_idx/);
    expect(text).toMatch(/Order By: .*<->/);
  });

  it('records a failure once when no vehicle fits, and a redelivery changes nothing', async () => {
    const { db } = await open();
    await db.insert(vehicles).values(vehicle('CARGO_BIKE', 150, LONDON));
    const req = request(400);
    expect((await db.transaction((tx) => reserveCapacity(tx, req))).kind).toBe('failed');
    expect((await db.transaction((tx) => reserveCapacity(tx, req))).kind).toBe('known');
    expect(
      await db.select().from(reservations).where(eq(reservations.shipmentId, req.shipmentId)),
    ).toHaveLength(1);
  });

  it('releases a reservation once, and a cancellation first blocks a later reservation', async () => {
    const { db } = await open();
    const van = vehicle('VAN', 1_000, LONDON);
    await db.insert(vehicles).values(van);
    const req = request(300);
    await db.transaction((tx) => reserveCapacity(tx, req));
    expect(await db.transaction((tx) => releaseCapacity(tx, req, { tombstone: true }))).toMatchObject({
      status: 'RELEASED',
    });
    expect(await db.transaction((tx) => releaseCapacity(tx, req, { tombstone: true }))).toBeNull();
    const [row] = await db.select().from(vehicles).where(eq(vehicles.id, van.id));
    expect(row?.reservedGrams).toBe(0);

    const early = request(300);
    await db.transaction((tx) => releaseCapacity(tx, early, { tombstone: true }));
    expect((await db.transaction((tx) => reserveCapacity(tx, early))).kind).toBe('known');
    const [after] = await db.select().from(vehicles).where(eq(vehicles.id, van.id));
    expect(after?.reservedGrams).toBe(0);
  });

  it('never overbooks a vehicle under 200 concurrent reservations', async () => {
    const { db } = await open();
    // 3 vans of 1000 kg near London: 200 requests of 70 kg fit 14 per van, 42 in all.
    const fleet = [0, 1, 2].map((i) => vehicle('VAN', 1_000, { lat: 51.5 + i / 100, lng: -0.1 }));
    await db.insert(vehicles).values(fleet);
    const outcomes = await Promise.all(
      Array.from({ length: 200 }, () => db.transaction((tx) => reserveCapacity(tx, request(70)))),
    );
    const reserved = outcomes.filter((o) => o.kind === 'reserved');
    expect(reserved).toHaveLength(42);
    expect(outcomes.filter((o) => o.kind === 'failed')).toHaveLength(158);
    const rows = await db.select().from(vehicles);
    for (const row of rows) expect(row.reservedGrams).toBeLessThanOrEqual(row.capacityKg * 1000);
    const held = await db.select().from(reservations).where(eq(reservations.status, 'ACTIVE'));
    expect(held.reduce((sum, r) => sum + r.weightGrams, 0)).toBe(
      rows.reduce((sum, r) => sum + r.reservedGrams, 0),
    );
  });
});
