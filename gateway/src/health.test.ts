import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse } from 'graphql';
import { Agent } from 'undici';
import { afterAll, describe, expect, it } from 'vitest';
import { createHealth, subgraphEndpoints } from './health';
import { composeSupergraph } from './testing/stand-in';

const agent = new Agent();
afterAll(() => agent.close());

/** Calls a route handler and captures what it sends. */
async function call(handler: (req: IncomingMessage, res: ServerResponse) => unknown) {
  const sent = { status: 0, body: undefined as unknown };
  const res = {
    set statusCode(status: number) {
      sent.status = status;
    },
    setHeader: () => undefined,
    end: (body: string) => {
      sent.body = JSON.parse(body);
    },
  } as unknown as ServerResponse;
  await handler({} as IncomingMessage, res);
  return sent;
}

const supergraph = composeSupergraph([
  { name: 'a', url: 'http://127.0.0.1:9/graphql', typeDefs: parse('type Query { a: Int }') },
  { name: 'b', url: 'http://127.0.0.1:9/b/graphql', typeDefs: parse('type Query { b: Int }') },
]);

describe('health', () => {
  it('answers 503 until a supergraph is loaded, then 200, naming its instance', async () => {
    const health = createHealth({
      dispatcher: agent,
      urlOverrides: {},
      probeTimeoutMs: 500,
      showUrls: true,
      instanceId: 'launch-1',
    });
    expect(await call(health.routes['/health']!)).toEqual({
      status: 503,
      body: { status: 'starting', service: 'gateway', instance: 'launch-1' },
    });
    health.supergraphLoaded(supergraph);
    expect(await call(health.routes['/health']!)).toMatchObject({
      status: 200,
      body: { status: 'ok', service: 'gateway', instance: 'launch-1', supergraph: { subgraphs: 2 } },
    });
  });

  it('is live at once, ready once a supergraph is loaded, and not ready again once draining', async () => {
    const health = createHealth({
      dispatcher: agent,
      urlOverrides: {},
      probeTimeoutMs: 500,
      showUrls: true,
      instanceId: 'launch-1',
    });
    expect(await call(health.routes['/health/live']!)).toMatchObject({ status: 200, body: { status: 'ok' } });
    expect(await call(health.routes['/health/ready']!)).toMatchObject({
      status: 503,
      body: { status: 'unavailable', checks: { supergraph: 'no supergraph loaded yet' } },
    });
    health.supergraphLoaded(supergraph);
    expect(await call(health.routes['/health/ready']!)).toMatchObject({
      status: 200,
      body: { status: 'ready', checks: { supergraph: 'ok' } },
    });
    health.drain();
    expect(await call(health.routes['/health/ready']!)).toMatchObject({
      status: 503,
      body: { status: 'draining' },
    });
    expect((await call(health.routes['/health/live']!)).status).toBe(200);
  });

  it('reports an unreachable subgraph as unavailable, and hides URLs when asked to', async () => {
    const health = createHealth({
      dispatcher: agent,
      urlOverrides: {},
      probeTimeoutMs: 500,
      showUrls: false,
      instanceId: 'launch-1',
    });
    health.supergraphLoaded(supergraph);
    const report = await call(health.routes['/health/subgraphs']!);
    expect(report.status).toBe(503);
    expect(report.body).toMatchObject({
      status: 'degraded',
      subgraphs: [
        { name: 'a', status: 'unavailable' },
        { name: 'b', status: 'unavailable' },
      ],
    });
    expect(JSON.stringify(report.body)).not.toContain('127.0.0.1');
  });

  it('lists the subgraphs of a supergraph with URL overrides applied', () => {
    expect(subgraphEndpoints(supergraph, { b: 'http://b.internal/graphql' })).toEqual([
      { name: 'a', url: 'http://127.0.0.1:9/graphql' },
      { name: 'b', url: 'http://b.internal/graphql' },
    ]);
  });
});
