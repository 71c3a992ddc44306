import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
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
      const deadline = Date.now() + 150_000;
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
    } finally {
      // Ctrl-C in a terminal signals the whole foreground process group.
      process.kill(-child.pid!, 'SIGINT');
    }
    // npm re-raises the Ctrl-C it forwarded; the launcher underneath exits 0 after stopping everything.
    expect(['code 0', 'SIGINT']).toContain(await exited);
    expect(output).not.toMatch(/exited unexpectedly|launcher:/);
    // Every service is gone: nothing answers on any of the ports.
    for (const port of Object.values(ports)) {
      await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow();
    }
  }, 200_000);
});

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
