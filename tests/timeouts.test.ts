/**
 * Slow clients are cut at the configured bound, on the gateway and on a subgraph: a client trickling its
 * headers one byte at a time gets 408 and a closed socket soon after HEADERS_TIMEOUT_MS (1 s here), not
 * after Node's 30 s connection sweep; an idle keep-alive connection is closed after 5 s.
 */
import { connect } from 'node:net';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { type ExtraInstance, startExtraInstance } from './harness';

const HEADERS_TIMEOUT_MS = 1_000;
const instances: ExtraInstance[] = [];
afterAll(() => Promise.all(instances.map((instance) => instance.stop())));

/** Sends a request line, then one header byte every 100 ms; resolves with what came back and when. */
function slowHeaders(url: string): Promise<{ response: string; closedAfterMs: number }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    const started = Date.now();
    let response = '';
    let trickle: NodeJS.Timeout | undefined;
    socket.once('connect', () => {
      socket.write('GET /health HTTP/1.1\r\nHost: localhost\r\nX-Slow: ');
      trickle = setInterval(() => socket.write('a'), 100);
    });
    socket.on('data', (chunk) => (response += chunk));
    socket.on('error', () => undefined); // a reset after the 408 is the cut too
    socket.once('close', () => {
      clearInterval(trickle);
      resolve({ response, closedAfterMs: Date.now() - started });
    });
    setTimeout(() => reject(new Error('the slow client was never cut')), 40_000).unref();
  });
}

/** One complete request on a keep-alive connection, then silence: when does the server close it? */
function idleAfterRequest(url: string): Promise<number> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    let answered = 0;
    socket.once('connect', () => socket.write('GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n'));
    socket.once('data', () => (answered = Date.now()));
    socket.on('error', () => undefined);
    socket.once('close', () => resolve(Date.now() - answered));
  });
}

describe('slow clients', () => {
  const graph = inject('graph');
  const env = { HEADERS_TIMEOUT_MS: String(HEADERS_TIMEOUT_MS), SEED_DEMO_DATA: 'false' };

  for (const name of ['gateway', 'customers'] as const) {
    it(`are cut at HEADERS_TIMEOUT_MS by the ${name}`, async () => {
      const instance = await startExtraInstance(graph, name, {}, env);
      instances.push(instance);
      const { response, closedAfterMs } = await slowHeaders(instance.url);
      expect(response).toMatch(/^HTTP\/1\.1 408/);
      expect(closedAfterMs).toBeGreaterThanOrEqual(HEADERS_TIMEOUT_MS - 50);
      // The bound plus the sweep (a tenth of it) plus a loaded machine's delays; Node's default was ~30 s.
      expect(closedAfterMs).toBeLessThan(5_000);
      // An idle keep-alive connection is closed after the documented 5 s.
      const idleMs = await idleAfterRequest(instance.url);
      expect(idleMs).toBeGreaterThanOrEqual(4_500);
      expect(idleMs).toBeLessThan(15_000);
    }, 180_000);
  }
});
