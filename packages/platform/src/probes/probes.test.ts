import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pgTable, text } from 'drizzle-orm/pg-core';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../db';
import { listen } from '../http';
import { createLogger } from '../logger';
import { migrationsApplied, pendingMigrations } from '../store/migrations';
import { createProbes, type ReadinessCheck } from '.';

const servers: http.Server[] = [];
afterAll(() => Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve)))));

/** Serves the probes' routes on a free port; returns a GET helper. */
async function serve(checks: Record<string, ReadinessCheck>, timeoutMs = 2_000) {
  const probes = createProbes({ service: 'svc', instance: 'i-1', checks, timeoutMs });
  const server = http.createServer((req, res) => {
    const route = probes.routes[req.url ?? ''];
    if (route) return void route(req, res);
    res.statusCode = 404;
    res.end();
  });
  servers.push(server);
  const url = await listen(server, 0, '127.0.0.1');
  const get = async (path: string) => {
    const response = await fetch(`${url}${path}`);
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  return { probes, get };
}

describe('probes', () => {
  it('is ready when every check passes, and names what fails', async () => {
    let storeUp = true;
    const { get } = await serve({
      store: () => {
        if (!storeUp) throw new Error('connection refused');
      },
      bus: async () => undefined,
    });
    expect(await get('/health/ready')).toEqual({
      status: 200,
      body: { status: 'ready', service: 'svc', instance: 'i-1', checks: { store: 'ok', bus: 'ok' } },
    });
    storeUp = false;
    expect(await get('/health/ready')).toEqual({
      status: 503,
      body: {
        status: 'unavailable',
        service: 'svc',
        instance: 'i-1',
        checks: { store: 'connection refused', bus: 'ok' },
      },
    });
    // Liveness never depends on what the process talks to.
    expect(await get('/health/live')).toEqual({
      status: 200,
      body: { status: 'ok', service: 'svc', instance: 'i-1' },
    });
  });

  it('fails a check that does not answer in time', async () => {
    const { get } = await serve({ store: () => new Promise(() => undefined) }, 100);
    const started = performance.now();
    const { status, body } = await get('/health/ready');
    expect(status).toBe(503);
    expect(body.checks).toEqual({ store: 'no answer within 100 ms' });
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('answers 503 draining once a drain begins, while liveness stays 200', async () => {
    const { probes, get } = await serve({ store: () => undefined });
    expect((await get('/health/ready')).status).toBe(200);
    probes.drain();
    expect(await get('/health/ready')).toMatchObject({ status: 503, body: { status: 'draining' } });
    expect((await get('/health/live')).status).toBe(200);
  });
});

describe('migrations check', () => {
  const folder = mkdtempSync(join(tmpdir(), 'fg-migrations-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));
  const journal = (tags: string[]) => {
    mkdirSync(join(folder, 'meta'), { recursive: true });
    const entries = tags.map((tag, idx) => ({
      idx,
      version: '7',
      when: 1_700_000_000_000 + idx,
      tag,
      breakpoints: true,
    }));
    writeFileSync(
      join(folder, 'meta/_journal.json'),
      JSON.stringify({ version: '7', dialect: 'postgresql', entries }),
    );
  };

  it('counts the migrations of the folder the store has not applied', async () => {
    writeFileSync(join(folder, '0000_first.sql'), 'create table things (id text primary key);');
    journal(['0000_first']);
    const store = await openStore({
      schema: { things: pgTable('things', { id: text('id').primaryKey() }) },
      migrationsFolder: folder,
      dataDir: 'memory://',
      logger: createLogger('test', 'silent'),
    });
    try {
      expect(await pendingMigrations(store.db, folder)).toBe(0);
      await expect(migrationsApplied(store.db, folder)()).resolves.toBeUndefined();
      // A newer release's migration, not applied to this store yet.
      writeFileSync(join(folder, '0001_second.sql'), 'alter table things add column name text;');
      journal(['0000_first', '0001_second']);
      expect(await pendingMigrations(store.db, folder)).toBe(1);
      await expect(migrationsApplied(store.db, folder)()).rejects.toThrow('1 migration(s) not applied');
    } finally {
      await store.close();
    }
  });
});
