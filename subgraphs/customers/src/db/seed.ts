import { chunks, createRng, type Db, DEMO, demoCustomerId } from '@freightgraph/platform';
import { count } from 'drizzle-orm';
import { customers, type Schema } from './schema';

const FIRST = [
  'Ada',
  'Bo',
  'Chen',
  'Dana',
  'Emil',
  'Farah',
  'Goran',
  'Hana',
  'Ivo',
  'Jun',
  'Kofi',
  'Lena',
  'Mika',
  'Nia',
  'Omar',
  'Priya',
  'Quinn',
  'Rosa',
  'Sven',
  'Tariq',
  'Uma',
  'Vera',
  'Wim',
  'Yara',
  'Zeno',
];
const LAST = [
  'Abbott',
  'Berg',
  'Costa',
  'Dahl',
  'Eze',
  'Fischer',
  'Garcia',
  'Holm',
  'Iqbal',
  'Jensen',
  'Kowalski',
  'Lind',
  'Moreau',
  'Novak',
  'Okafor',
  'Petrov',
  'Rossi',
  'Silva',
  'Tanaka',
  'Ueda',
  'Varga',
  'Weber',
];
const TRADES = ['Logistics', 'Foods', 'Hardware', 'Textiles', 'Pharma', 'Books', 'Electronics', 'Furniture'];

/** Deterministic and idempotent: the same rows every time, inserted only where missing. */
export async function seed(db: Db<Schema>): Promise<number> {
  const [existing] = await db.select({ n: count() }).from(customers);
  if ((existing?.n ?? 0) >= DEMO.customers) return 0;
  const rng = createRng(DEMO.seed);
  const rows = Array.from({ length: DEMO.customers }, (_, i) => {
    const first = rng.pick(FIRST);
    const last = rng.pick(LAST);
    return {
      id: demoCustomerId(i),
      name: `${first} ${last}`,
      email: `${first}.${last}.${i}@example.com`.toLowerCase(),
      phone: rng.chance(0.8) ? `+44 20 7${String(rng.int(100_000, 999_999))}` : null,
      company: rng.chance(0.6) ? `${last} ${rng.pick(TRADES)}` : null,
      createdAt: new Date(DEMO.epoch - 400 * 86_400_000 + i * 3_600_000),
    };
  });
  let inserted = 0;
  for (const chunk of chunks(rows)) {
    const result = await db
      .insert(customers)
      .values(chunk)
      .onConflictDoNothing()
      .returning({ id: customers.id });
    inserted += result.length;
  }
  return inserted;
}
