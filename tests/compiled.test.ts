import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CleanupStack, startProcess, testTokens } from '@freightgraph/platform/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { build } from '../scripts/build';
import { ROOT } from '../scripts/services';
import { freePort } from './harness';

// What the container runs: the compiled JavaScript under `dist/`, started by plain `node`, no tsx.
const cleanup = new CleanupStack();
afterAll(() => cleanup.run());

const compiled = (pkg: string) => ({
  cwd: join(ROOT, pkg),
  command: process.execPath,
  args: ['--conditions=compiled', 'dist/index.js'],
});

describe('compiled build', () => {
  it('builds, and the compiled gateway and a compiled subgraph serve a query and are ready', async () => {
    build(['packages/platform', 'subgraphs/customers', 'gateway']);
    const dataDir = await mkdtemp(join(tmpdir(), 'freightgraph-compiled-'));
    cleanup.defer(() => rm(dataDir, { recursive: true, force: true }));
    const [customersPort, gatewayPort] = [await freePort(), await freePort()];
    const customersUrl = `http://127.0.0.1:${customersPort}`;
    const gatewayUrl = `http://127.0.0.1:${gatewayPort}`;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
    };
    delete env.CUSTOMERS_DATABASE_URL;
    const customers = await startProcess({
      name: 'customers',
      ...compiled('subgraphs/customers'),
      env: { ...env, PORT: String(customersPort) },
      readyUrl: `${customersUrl}/health/ready`,
      timeoutMs: 240_000,
    });
    cleanup.defer(() => customers.stop());
    const gateway = await startProcess({
      name: 'gateway',
      ...compiled('gateway'),
      env: { ...env, PORT: String(gatewayPort), CUSTOMERS_URL: `${customersUrl}/graphql` },
      readyUrl: `${gatewayUrl}/health/ready`,
      timeoutMs: 120_000,
    });
    cleanup.defer(() => gateway.stop());

    // Not tsx: the processes run the JavaScript files.
    expect(customers.child.spawnargs).toContain('dist/index.js');
    const ready = await fetch(`${customersUrl}/health/ready`);
    expect(await ready.json()).toMatchObject({ status: 'ready', checks: { store: 'ok', migrations: 'ok' } });

    const headers = await testTokens(dataDir).headers('admin');
    const response = await fetch(`${gatewayUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query: '{ customers(first: 2) { edges { node { id name } } } }' }),
    });
    const body = (await response.json()) as { data?: { customers: { edges: unknown[] } }; errors?: unknown };
    expect(body.errors).toBeUndefined();
    expect(body.data?.customers.edges).toHaveLength(2);
  }, 600_000);
});
