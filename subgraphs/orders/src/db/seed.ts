import { chunks, createRng, type Db, DEMO, demoId, demoOrder } from '@freightgraph/platform';
import { eq } from 'drizzle-orm';
import { orderLines, orders, type Schema } from './schema';

/** A small catalogue of things a logistics customer ships; prices in cents. */
const CATALOGUE = [
  { sku: 'PAL-EUR-1200', description: 'EUR pallet 1200×800, heat-treated', unitPriceCents: 1_450 },
  { sku: 'BOX-DW-600', description: 'Double-wall carton 600×400×400', unitPriceCents: 185 },
  { sku: 'WRAP-ST-23', description: 'Stretch wrap roll 23 µm, 500 mm', unitPriceCents: 1_299 },
  { sku: 'STRAP-PP-12', description: 'PP strapping 12 mm, 3000 m coil', unitPriceCents: 3_890 },
  { sku: 'CRATE-PL-64', description: 'Plastic crate 600×400×320, stackable', unitPriceCents: 2_150 },
  { sku: 'LBL-TH-100', description: 'Thermal shipping labels 100×150, 500 pcs', unitPriceCents: 1_075 },
  { sku: 'DRUM-HD-200', description: 'HDPE drum 200 l, UN-approved', unitPriceCents: 6_900 },
  { sku: 'IBC-1000', description: 'IBC container 1000 l on steel pallet', unitPriceCents: 24_500 },
  { sku: 'GEL-COOL-05', description: 'Reusable cooling gel pack 0.5 kg', unitPriceCents: 240 },
  { sku: 'SENS-TMP-01', description: 'Temperature data logger, single use', unitPriceCents: 1_899 },
  { sku: 'CORNER-80', description: 'Cardboard edge protector 80 cm, 100 pcs', unitPriceCents: 4_200 },
  { sku: 'BAG-AIR-XL', description: 'Dunnage air bag 1200×1800', unitPriceCents: 560 },
] as const;

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
      return {
        order: { id, number, customerId, status, totalCents, createdAt, updatedAt: createdAt },
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
