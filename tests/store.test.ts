/**
 * One writer per embedded store, with real processes: a second orders subgraph on the same folder is
 * refused with one line naming the folder and the first one's pid while the first keeps serving; the
 * first is then killed with SIGKILL in the middle of writes, and the next start opens the store with
 * every acknowledged write in it. Several rounds, since a damaged store once showed only on a later
 * start.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ManagedProcess, startProcess, testTokens } from '@freightgraph/platform/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { type GraphLayout, subgraphSpecs } from '../scripts/services';
import { freePort } from './harness';
import { orderInput } from './saga-kit';

const ROUNDS = 5;
const cleanup: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (let step = cleanup.pop(); step; step = cleanup.pop()) await step();
});

const PLACE = `mutation Place($input: PlaceOrderInput!) { placeOrder(input: $input) { id } }`;

describe('an embedded store', () => {
  it('has one writer, and keeps every acknowledged write across kill -9', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'freightgraph-store-'));
    cleanup.push(() => rm(dataDir, { recursive: true, force: true }));
    const tokens = testTokens(dataDir); // also writes the dev keys the subgraph trusts
    const ports = Object.fromEntries(
      await Promise.all(
        ['gateway', 'customers', 'orders', 'shipments', 'vehicles'].map(async (n) => [n, await freePort()]),
      ),
    ) as GraphLayout['ports'];
    const orders = (port: number) => {
      const layout = { host: '127.0.0.1', dataDir, ports: { ...ports, orders: port } };
      const spec = subgraphSpecs({ ...layout, env: { LOG_LEVEL: 'warn', SEED_DEMO_DATA: 'false' } }).find(
        (s) => s.name === 'orders',
      )!;
      // The embedded store is the point here, whatever the environment says.
      delete spec.env.ORDERS_DATABASE_URL;
      return { ...spec, readyUrl: spec.healthUrl, timeoutMs: 120_000 };
    };
    const post = async (url: string, query: string, variables: Record<string, unknown> = {}) => {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: await tokens.internal('admin') },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as { data?: Record<string, { id: string } | null>; errors?: unknown[] };
    };
    const acknowledged: string[] = [];
    const first = orders(ports.orders);
    for (let round = 1; round <= ROUNDS + 1; round++) {
      const running: ManagedProcess = await startProcess(first);
      cleanup.push(() => running.kill());
      // Every order acknowledged before any earlier kill is there.
      if (acknowledged.length) {
        const query = `{ ${acknowledged.map((id, i) => `o${i}: order(id: "${id}") { id }`).join(' ')} }`;
        const found = await post(first.url, query);
        expect(found.errors).toBeUndefined();
        expect(Object.values(found.data ?? {}).map((o) => o?.id)).toEqual(acknowledged);
      }
      if (round > ROUNDS) break;
      const second = await startProcess(orders(await freePort())).then(
        async (process) => {
          await process.kill();
          return 'started';
        },
        (error: Error) => error.message,
      );
      expect(second).toContain(
        `orders: failed to start: the store ${dataDir}/orders is already open by another process ` +
          `(pid ${running.child.pid}); stop that process first, or give this one another DATA_DIR`,
      );
      // The first keeps serving; kill -9 lands while it is writing.
      let writing = true;
      const writes = (async () => {
        while (writing) {
          const placed = await post(first.url, PLACE, {
            input: orderInput({ customer: round, sku: `SKU-${round}` }),
          }).catch(() => undefined);
          if (!placed) return;
          // A refused write would never be acknowledged: stop here, or the wait below never ends.
          if (placed.errors) throw new Error(JSON.stringify(placed.errors));
          acknowledged.push(placed.data!.placeOrder!.id);
        }
      })();
      const before = acknowledged.length;
      // A failed write rejects `writes` and ends the wait with its error instead of waiting forever.
      while (acknowledged.length < before + 10) {
        await Promise.race([writes, new Promise((resolve) => setTimeout(resolve, 20))]);
      }
      await running.kill();
      writing = false;
      await writes;
    }
    expect(acknowledged.length).toBeGreaterThanOrEqual(ROUNDS * 10);
  }, 600_000);
});
