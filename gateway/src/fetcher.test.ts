import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSubgraphFetcher } from './fetcher';

let server: Server;
let url: string;
let calls = 0;
let delayMs = 20;
const agent = new Agent({ connections: 16 });

beforeAll(async () => {
  server = createServer((req, res) => {
    calls++;
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      setTimeout(() => {
        res.setHeader('content-type', 'application/json');
        res.setHeader('cache-control', 'max-age=5');
        res.end(JSON.stringify({ data: { echo: body, auth: req.headers.authorization ?? null } }));
      }, delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});

afterAll(async () => {
  await agent.close();
  await new Promise((resolve) => server.close(resolve));
});

const post = (query: string, headers: Record<string, string> = {}) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify({ query, variables: {} }),
});

async function callsDuring(run: () => Promise<unknown>): Promise<number> {
  const before = calls;
  await run();
  return calls - before;
}

describe('createSubgraphFetcher', () => {
  const fetcher = createSubgraphFetcher({ dispatcher: agent, timeoutMs: 2_000, dedupe: true });

  it('answers like fetch: status, headers and a JSON body', async () => {
    const response = await fetcher(url, post('query A { a }'));
    expect(response.ok).toBe(true);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('max-age=5');
    expect((await response.json()).data.echo).toContain('query A');
  });

  it('shares one call between identical queries in flight, each caller with its own copy', async () => {
    let answers: { data: { echo: string } }[] = [];
    const used = await callsDuring(async () => {
      const responses = await Promise.all(
        Array.from({ length: 5 }, (_, i) => fetcher(url, post('query B { b }', { 'x-request-id': `r${i}` }))),
      );
      answers = await Promise.all(responses.map((r) => r.json()));
    });
    expect(used).toBe(1);
    answers[0]!.data.echo = 'edited';
    expect(answers[1]!.data.echo).toContain('query B');
  });

  it('never shares mutations, and keeps callers with different credentials apart', async () => {
    const mutations = await callsDuring(() =>
      Promise.all([fetcher(url, post('mutation M { m }')), fetcher(url, post('mutation M { m }'))]),
    );
    expect(mutations).toBe(2);
    const users = await callsDuring(() =>
      Promise.all([
        fetcher(url, post('{ c }', { authorization: 'Bearer one' })),
        fetcher(url, post('{ c }', { authorization: 'Bearer two' })),
      ]),
    );
    expect(users).toBe(2);
  });

  it('does not share calls when deduplication is off', async () => {
    const plain = createSubgraphFetcher({ dispatcher: agent, timeoutMs: 2_000, dedupe: false });
    const used = await callsDuring(() =>
      Promise.all([plain(url, post('query D { d }')), plain(url, post('query D { d }'))]),
    );
    expect(used).toBe(2);
  });

  it('fails like fetch: TypeError when nothing listens, TimeoutError past the deadline', async () => {
    const closed = `http://127.0.0.1:1/graphql`;
    await expect(fetcher(closed, post('{ e }'))).rejects.toBeInstanceOf(TypeError);
    delayMs = 500;
    const hasty = createSubgraphFetcher({ dispatcher: agent, timeoutMs: 50, dedupe: true });
    await expect(hasty(url, post('{ f }'))).rejects.toMatchObject({ name: 'TimeoutError' });
    delayMs = 20;
  });
});
