import { chunks, createRng, type Db, DEMO, demoId, demoOrder } from '@freightgraph/platform';
import { eq } from 'drizzle-orm';
import { orderLines, orders, type Schema } from './schema';

/** A small catalogue of things a logistics customer ships; prices in cents, weights in grams. */
const CATALOGUE = [
  {
    sku: 'PAL-EUR-1200',
    description: 'EUR pallet 1200×800, heat-treated',
    unitPriceCents: 1_450,
    unitWeightGrams: 25_000,
  },
  {
    sku: 'BOX-DW-600',
    description: 'Double-wall carton 600×400×400',
    unitPriceCents: 185,
    unitWeightGrams: 900,
  },
  {
    sku: 'WRAP-ST-23',
    description: 'Stretch wrap roll 23 µm, 500 mm',
    unitPriceCents: 1_299,
    unitWeightGrams: 2_300,
  },
  {
    sku: 'STRAP-PP-12',
    description: 'PP strapping 12 mm, 3000 m coil',
    unitPriceCents: 3_890,
    unitWeightGrams: 18_000,
  },
  {
    sku: 'CRATE-PL-64',
    description: 'Plastic crate 600×400×320, stackable',
    unitPriceCents: 2_150,
    unitWeightGrams: 2_100,
  },
  {
    sku: 'LBL-TH-100',
    description: 'Thermal shipping labels 100×150, 500 pcs',
    unitPriceCents: 1_075,
    unitWeightGrams: 1_200,
  },
  {
    sku: 'DRUM-HD-200',
    description: 'HDPE drum 200 l, UN-approved',
    unitPriceCents: 6_900,
    unitWeightGrams: 9_500,
  },
  {
    sku: 'IBC-1000',
    description: 'IBC container 1000 l on steel pallet',
    unitPriceCents: 24_500,
    unitWeightGrams: 62_000,
  },
  {
    sku: 'GEL-COOL-05',
    description: 'Reusable cooling gel pack 0.5 kg',
    unitPriceCents: 240,
    unitWeightGrams: 500,
  },
  {
    sku: 'SENS-TMP-01',
    description: 'Temperature data logger, single use',
    unitPriceCents: 1_899,
    unitWeightGrams: 60,
  },
  {
    sku: 'CORNER-80',
    description: 'Cardboard edge protector 80 cm, 100 pcs',
    unitPriceCents: 4_200,
    unitWeightGrams: 7_500,
  },
  { sku: 'BAG-AIR-XL', description: 'Dunnage air bag 1200×1800', unitPriceCents: 560, unitWeightGrams: 350 },
] as const;

/** Business addresses the demo orders ship to, in cities the network serves. */
const ADDRESSES = [
  {
    lines: ['Unit 4, Trafford Park'],
    city: 'Manchester',
    postalCode: 'M17 1AA',
    country: 'GB',
    location: { lat: 53.4668, lng: -2.3183 },
  },
  {
    lines: ['12 Leman Street'],
    city: 'London',
    postalCode: 'E1 8EU',
    country: 'GB',
    location: { lat: 51.5133, lng: -0.0707 },
  },
  {
    lines: ['Aire Valley Business Park', 'Unit 7'],
    city: 'Leeds',
    postalCode: 'LS9 0PS',
    country: 'GB',
    location: { lat: 53.7849, lng: -1.4891 },
  },
  {
    lines: ['220 Broomielaw'],
    city: 'Glasgow',
    postalCode: 'G2 8HP',
    country: 'GB',
    location: { lat: 55.8566, lng: -4.2663 },
  },
  {
    lines: ['Dublin Port, Alexandra Road'],
    city: 'Dublin',
    postalCode: 'D01 H4C6',
    country: 'IE',
    location: { lat: 53.3496, lng: -6.2089 },
  },
  {
    lines: ['14 Rue de Rungis'],
    city: 'Paris',
    postalCode: '75013',
    country: 'FR',
    location: { lat: 48.8185, lng: 2.3455 },
  },
  {
    lines: ['Westpoortweg 480'],
    city: 'Amsterdam',
    postalCode: '1047 HB',
    country: 'NL',
    location: { lat: 52.3984, lng: 4.8201 },
  },
  {
    lines: ['Am Ballinkai 1'],
    city: 'Hamburg',
    postalCode: '21129',
    country: 'DE',
    location: { lat: 53.5352, lng: 9.9258 },
  },
] as const;

/** The address demo order `index` ships to, the same on every run. */
function demoAddress(index: number) {
  const { lines, location, ...rest } = ADDRESSES[index % ADDRESSES.length]!;
  return { ...rest, lines: [...lines], location: { ...location } };
}

/** The lines of demo order `index`: 1–4 distinct catalogue items, the same on every run. */
function demoLines(index: number, orderId: string) {
  const rng = createRng(DEMO.seed ^ Math.imul(index + 1, 0x85ebca6b));
  const count = rng.int(1, 4);
  const items = new Set<(typeof CATALOGUE)[number]>();
  while (items.size < count) items.add(rng.pick(CATALOGUE));
  return [...items].map((item, position) => ({
    id: demoId(`order-line:${position}`, index),
    orderId,
    position,
    ...item,
    quantity: rng.chance(0.7) ? rng.int(1, 20) : rng.int(21, 400),
  }));
}

/**
 * Deterministic and idempotent: the same rows every time, inserted only where missing. Each chunk of
 * orders goes in with its lines in one transaction, so the last demo order existing means all of it does.
 */
export async function seed(db: Db<Schema>): Promise<number> {
  const last = demoOrder(DEMO.orders - 1);
  const [done] = await db.select({ id: orders.id }).from(orders).where(eq(orders.id, last.id));
  if (done) return 0;
  const indexes = Array.from({ length: DEMO.orders }, (_, i) => i);
  let inserted = 0;
  for (const chunk of chunks(indexes)) {
    const rows = chunk.map((i) => {
      const { id, number, customerId, status, createdAt } = demoOrder(i);
      const lines = demoLines(i, id);
      const totalCents = lines.reduce((sum, line) => sum + line.quantity * line.unitPriceCents, 0);
      const totalWeightGrams = lines.reduce((sum, line) => sum + line.quantity * line.unitWeightGrams, 0);
      const shippingAddress = demoAddress(i);
      const order = { id, number, customerId, status, totalCents, totalWeightGrams, shippingAddress };
      return {
        order: { ...order, createdAt, updatedAt: createdAt },
        lines,
      };
    });
    const lines = rows.flatMap((row) => row.lines);
    inserted += await db.transaction(async (tx) => {
      const result = await tx
        .insert(orders)
        .values(rows.map((row) => row.order))
        .onConflictDoNothing()
        .returning({ id: orders.id });
      for (const part of chunks(lines)) await tx.insert(orderLines).values(part).onConflictDoNothing();
      return result.length;
    });
  }
  return inserted;
}
