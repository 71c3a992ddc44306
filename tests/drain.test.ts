import { setTimeout as sleep } from 'node:timers/promises';
import { type TestTokens, testTokens } from '@freightgraph/platform/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { type RunningGraph, startGraph } from './harness';

// Its own graph: this file stops services with SIGTERM, which must not disturb the other files.
const SHUTDOWN_TIMEOUT_MS = 15_000;
let graph: RunningGraph;
let tokens: TestTokens;
beforeAll(async () => {
  graph = await startGraph({ env: { SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS) } });
  tokens = testTokens(graph.layout.dataDir);
}, 300_000);
afterAll(() => graph?.stop());

const DASHBOARD = `query DispatcherDashboard {
  orders(first: 10, status: SHIPPED) {
    edges { node { number customer { name } shipments { trackingNumber status vehicle { registration } } } }
  }
}`;
const ORDERS = 'query Orders { orders(first: 20) { edges { node { id status } } } }';

const base = (graphqlUrl: string) => graphqlUrl.replace(/\/graphql$/, '');

interface Outcome {
  startedAt: number;
  ok: boolean;
  detail: string;
}

/**
 * `concurrency` clients each sending `query` back to back until `stop()`: every request's start time
 * and whether it succeeded (HTTP 200, data, no errors).
 */
function load(url: string, query: string, headers: Record<string, string>, concurrency: number) {
  const outcomes: Outcome[] = [];
  let running = true;
  const client = async () => {
    while (running) {
      const startedAt = performance.now();
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify({ query }),
        });
        const body = (await response.json()) as { data?: unknown; errors?: unknown[] };
        const ok = response.status === 200 && body.data != null && !body.errors;
        outcomes.push({ startedAt, ok, detail: ok ? '' : `${response.status} ${JSON.stringify(body)}` });
      } catch (error) {
        outcomes.push({ startedAt, ok: false, detail: String((error as Error).cause ?? error) });
        await sleep(20);
      }
    }
  };
  const clients = Array.from({ length: concurrency }, client);
  return {
    outcomes,
    stop: async () => {
      running = false;
      await Promise.all(clients);
    },
  };
}

/** A graphql-ws connection, acknowledged; resolves `closed` with the close code the server sends. */
async function openSocket(graphqlUrl: string, authorization: string) {
  const socket = new WebSocket(graphqlUrl.replace(/^http/, 'ws'), 'graphql-transport-ws');
  const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () =>
      socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization } })),
    );
    socket.on('message', (data) => {
      if (JSON.parse(String(data)).type === 'connection_ack') resolve();
    });
    socket.once('error', reject);
  });
  return { closed };
}

/** SIGTERM under load: how the process ended and what the clients saw. */
async function terminateUnderLoad(
  name: 'gateway' | 'orders',
  url: string,
  query: string,
  headers: Record<string, string>,
) {
  const managed = graph.processes.get(name)!;
  const exited = new Promise<number | null>((resolve) => managed.child.once('exit', (code) => resolve(code)));
  const traffic = load(url, query, headers, 12);
  await sleep(1_500);
  const signalledAt = performance.now();
  managed.child.kill('SIGTERM');
  const code = await exited;
  const stoppedMs = performance.now() - signalledAt;
  await sleep(200);
  await traffic.stop();
  const before = traffic.outcomes.filter((o) => o.startedAt < signalledAt);
  return { code, stoppedMs, before, failedBefore: before.filter((o) => !o.ok), output: managed.output() };
}

describe('health probes', () => {
  it('every service is live and ready, saying what it checked', async () => {
    const urls = { gateway: graph.gatewayUrl, ...graph.subgraphUrls };
    for (const [name, url] of Object.entries(urls)) {
      const live = await fetch(`${base(url)}/health/live`);
      expect(live.status, name).toBe(200);
      const ready = await fetch(`${base(url)}/health/ready`);
      const body = (await ready.json()) as { status: string; checks: Record<string, string> };
      expect({ name, status: ready.status, body: body.status }).toEqual({ name, status: 200, body: 'ready' });
      const expected = name === 'gateway' ? ['supergraph'] : ['store', 'migrations'];
      for (const check of expected) expect(body.checks[check], `${name} ${check}`).toBe('ok');
    }
  });
});

describe('SIGTERM drain', () => {
  it('gateway: no request started before the signal fails, sockets get 1001, exit 0 within the bound', async () => {
    const headers = await tokens.headers('dispatcher');
    const socket = await openSocket(graph.gatewayUrl, headers.authorization!);
    const result = await terminateUnderLoad('gateway', graph.gatewayUrl, DASHBOARD, headers);
    expect(result.before.length, result.output).toBeGreaterThan(20);
    expect(result.failedBefore.map((o) => o.detail)).toEqual([]);
    expect(await socket.closed).toBe(1001);
    expect(result.code, result.output).toBe(0);
    expect(result.stoppedMs).toBeLessThan(SHUTDOWN_TIMEOUT_MS);
    await graph.restart('gateway');
  }, 120_000);

  it('subgraph: the same for the orders subgraph, called as the gateway calls it', async () => {
    const internal = { authorization: await tokens.internal('admin') };
    const url = graph.subgraphUrls.orders;
    const socket = await openSocket(url, internal.authorization);
    const result = await terminateUnderLoad('orders', url, ORDERS, internal);
    expect(result.before.length, result.output).toBeGreaterThan(20);
    expect(result.failedBefore.map((o) => o.detail)).toEqual([]);
    expect(await socket.closed).toBe(1001);
    expect(result.code, result.output).toBe(0);
    expect(result.stoppedMs).toBeLessThan(SHUTDOWN_TIMEOUT_MS);
    expect(result.output).toMatch(/orders: stopped on SIGTERM/);
    await graph.restart('orders');
    const ready = await fetch(`${base(url)}/health/ready`);
    expect(ready.status).toBe(200);
  }, 120_000);
});
