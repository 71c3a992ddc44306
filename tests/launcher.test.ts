import { execFile, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../scripts/services';
import { freePort } from './harness';

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

describe('npm start', () => {
  it('boots the graph with demo data, prints the URLs and stops every service on Ctrl-C', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'freightgraph-start-'));
    dirs.push(dataDir);
    const ports = {
      PORT: await freePort(),
      CUSTOMERS_PORT: await freePort(),
      ORDERS_PORT: await freePort(),
      SHIPMENTS_PORT: await freePort(),
      VEHICLES_PORT: await freePort(),
    };
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATA_DIR: dataDir,
      // First-start seeding on a loaded CI machine can take minutes.
      STARTUP_TIMEOUT_MS: '240000',
      ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])),
    };
    // Each subgraph store is embedded here whatever the environment says.
    for (const name of ['CUSTOMERS', 'ORDERS', 'SHIPMENTS', 'VEHICLES']) delete env[`${name}_DATABASE_URL`];
    const child = spawn('npm', ['start', '--silent'], { cwd: ROOT, env, detached: true });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const exited = new Promise<string>((resolve) =>
      child.once('exit', (code, signal) => resolve(signal ?? `code ${code}`)),
    );
    try {
      const deadline = Date.now() + 300_000;
      while (!output.includes('Press Ctrl-C to stop.') && Date.now() < deadline && child.exitCode === null) {
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(output).toContain(`Gateway:    http://localhost:${ports.PORT}/graphql`);
      expect(output).toContain(`Playground: http://localhost:${ports.PORT}/`);
      // The README's way to a token: its last line, signed with the key the graph generated.
      const token = (await npmRunToken(env)).trim().split('\n').at(-1);
      const anonymous = await fetch(`http://127.0.0.1:${ports.PORT}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ vehicles(first: 1) { totalCount } }' }),
      });
      expect(anonymous.status).toBe(401);
      const response = await fetch(`http://127.0.0.1:${ports.PORT}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({
          query: '{ vehicles(first: 1) { totalCount } customers(first: 1) { totalCount } }',
        }),
      });
      const body = (await response.json()) as {
        data: { vehicles: { totalCount: number }; customers: { totalCount: number } };
      };
      expect(body.data.vehicles.totalCount).toBeGreaterThanOrEqual(50);
      expect(body.data.customers.totalCount).toBeGreaterThanOrEqual(200);

      // A second `npm start` on the same ports refuses before starting anything, naming the port.
      const again = await npmStart(env);
      expect(again.code).not.toBe(0);
      expect(again.output).toMatch(
        new RegExp(`port ${ports.PORT} \\(gateway\\) is already in use by pid \\d+`),
      );
      expect(again.output).not.toContain('Freightgraph is up');
      // On other ports but the same data folder, the stores refuse a second writer.
      const otherPorts = Object.fromEntries(
        await Promise.all(Object.keys(ports).map(async (key) => [key, String(await freePort())])),
      );
      const sameStore = await npmStart({ ...env, ...otherPorts });
      expect(sameStore.code).not.toBe(0);
      expect(sameStore.output).toMatch(/the store .* is already open by another process \(pid \d+\)/);
      expect(sameStore.output).not.toContain('Freightgraph is up');

      // kill -9 of a subgraph: restarted within seconds while the others answer throughout.
      const shipmentsPid = Number(await readFile(join(dataDir, 'shipments', 'freightgraph.lock'), 'utf8'));
      const shipmentsHealth = `http://127.0.0.1:${ports.SHIPMENTS_PORT}/health`;
      const before = ((await (await fetch(shipmentsHealth)).json()) as { instance: string }).instance;
      process.kill(shipmentsPid, 'SIGKILL');
      const others = '{ vehicles(first: 1) { totalCount } customers(first: 1) { totalCount } }';
      const failures: unknown[] = [];
      const killedAt = Date.now();
      let back = false;
      while (!back && Date.now() - killedAt < 120_000) {
        const answer = (await (
          await fetch(`http://127.0.0.1:${ports.PORT}/graphql`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
            body: JSON.stringify({ query: others }),
          })
        ).json()) as { errors?: unknown[] };
        if (answer.errors) failures.push(answer.errors);
        const health = await fetch(shipmentsHealth).then(
          async (r) => (r.ok ? ((await r.json()) as { instance: string }).instance : undefined),
          () => undefined,
        );
        back = health !== undefined && health !== before;
        await new Promise((r) => setTimeout(r, 250));
      }
      expect(back).toBe(true);
      expect(failures).toEqual([]);
      expect(output).toContain('shipments exited (SIGKILL); restarting in 1 s (restart 1)');
    } finally {
      // Ctrl-C in a terminal signals the whole foreground process group (gone if the launcher failed).
      if (child.exitCode === null) process.kill(-child.pid!, 'SIGINT');
    }
    // npm re-raises the Ctrl-C it forwarded; the launcher underneath exits 0 after stopping everything.
    expect(['code 0', 'SIGINT']).toContain(await exited);
    expect(output).not.toMatch(/launcher:/);
    // Every service is gone: nothing answers on any of the ports.
    for (const port of Object.values(ports)) {
      await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow();
    }
  }, 600_000);
});

/** A second `npm start`, to its end (a refusal exits on its own; anything else is stopped at 120 s). */
function npmStart(env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn('npm', ['start', '--silent'], { cwd: ROOT, env, detached: true });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const timer = setTimeout(() => process.kill(-child.pid!, 'SIGINT'), 120_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

function npmRunToken(env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile(
      'npm',
      ['run', '--silent', 'token', '--', '--role', 'admin'],
      { cwd: ROOT, env },
      (error, stdout) => (error ? reject(error) : resolve(stdout)),
    ),
  );
}
