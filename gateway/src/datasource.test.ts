import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLDataSourceRequestKind } from '@apollo/gateway/dist/datasources/types';
import { describe, expect, it } from 'vitest';
import type { GatewayContext } from './context';
import { createServiceBuilder, SubgraphDataSource } from './datasource';
import { compileHeaderRules } from './headers/rules';
import { createSubgraphHeaders } from './headers/subgraph-headers';
import { recordingLogger } from './testing/stand-in';

type Fetcher = SubgraphDataSource['fetcher'];
type Call = { url: string; headers: Record<string, string> };

const headers = createSubgraphHeaders(compileHeaderRules(), ['orders']);

/** A data source whose fetcher answers with `answer` and records what it was asked. */
function dataSource(answer: () => Response | Promise<Response>) {
  const calls: Call[] = [];
  const log = recordingLogger();
  const fetcher = (async (url: string, init?: { headers?: Record<string, string> }) => {
    calls.push({ url, headers: init?.headers ?? {} });
    return answer();
  }) as unknown as Fetcher;
  const source = new SubgraphDataSource({
    name: 'orders',
    url: 'http://orders.internal/graphql',
    fetcher,
    timeoutMs: 1_000,
    logger: log.logger,
    headers,
  });
  return { source, calls, lines: log.lines };
}

const context: GatewayContext = {
  requestId: 'req-1',
  authorization: 'Bearer t',
  forwarded: {},
  traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
  tracestate: 'vendor=1',
};

function incoming(query = '{ orders { id } latest: order(id: "1") { id } }') {
  return {
    kind: GraphQLDataSourceRequestKind.INCOMING_OPERATION,
    request: { query, variables: {} },
    incomingRequestContext: {},
    context,
  } as unknown as GraphQLDataSourceProcessOptions<GatewayContext>;
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const text = (status: number, body: string, type = 'text/plain') =>
  new Response(body, { status, headers: { 'content-type': type } });

describe('SubgraphDataSource', () => {
  it('forwards the correlation id, authorization and trace context', async () => {
    const { source, calls } = dataSource(() => json(200, { data: { orders: [] } }));
    const response = await source.process(incoming());
    expect(response.data).toEqual({ orders: [] });
    expect(calls[0]?.url).toBe('http://orders.internal/graphql');
    expect(calls[0]?.headers).toMatchObject({
      'x-request-id': 'req-1',
      authorization: 'Bearer t',
      traceparent: context.traceparent,
      tracestate: 'vendor=1',
    });
  });

  it("keeps the subgraph's own errors when it answers non-2xx with a GraphQL body", async () => {
    const errors = [
      {
        message: 'Cannot query field "gone" on type "Order".',
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
      },
    ];
    const { source } = dataSource(() => json(400, { errors }));
    expect(await source.process(incoming())).toEqual({ errors });
  });

  it.each([
    [
      'connection refused',
      () => Promise.reject(new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } })),
      'SUBGRAPH_UNAVAILABLE',
      'Subgraph "orders" is unavailable',
    ],
    [
      'a 502 from a proxy',
      () => text(502, 'Bad Gateway'),
      'SUBGRAPH_UNAVAILABLE',
      'Subgraph "orders" is unavailable',
    ],
    [
      'a 500 without GraphQL errors',
      () => text(500, 'oops'),
      'SUBGRAPH_BAD_RESPONSE',
      'Subgraph "orders" answered with HTTP 500',
    ],
    [
      'a 200 that is not JSON',
      () => text(200, '<html></html>', 'text/html'),
      'SUBGRAPH_BAD_RESPONSE',
      'Subgraph "orders" sent a response that is not GraphQL',
    ],
    [
      'a 200 with broken JSON',
      () => text(200, '{"data":', 'application/json'),
      'SUBGRAPH_BAD_RESPONSE',
      'Subgraph "orders" sent a response that is not GraphQL',
    ],
    [
      'a timeout',
      () => Promise.reject(new DOMException('The operation was aborted due to timeout', 'TimeoutError')),
      'SUBGRAPH_TIMEOUT',
      'Subgraph "orders" did not answer within 1000 ms',
    ],
  ])('turns %s into one error per root field, naming the subgraph', async (_case, answer, code, message) => {
    const { source } = dataSource(answer as () => Promise<Response>);
    const response = await source.process(incoming());
    const extensions = expect.objectContaining({ code, serviceName: 'orders' });
    expect(response.errors).toEqual([
      { message, path: ['orders'], extensions },
      { message, path: ['latest'], extensions },
    ]);
  });

  it('gives an entity fetch one error without a path, and logs the transport cause', async () => {
    const { source, lines } = dataSource(() =>
      Promise.reject(new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } })),
    );
    const response = await source.process(
      incoming(
        'query ($representations: [_Any!]!) { _entities(representations: $representations) { __typename } }',
      ),
    );
    expect(response.errors).toEqual([
      {
        message: 'Subgraph "orders" is unavailable',
        extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'orders' },
      },
    ]);
    expect(lines).toContainEqual(
      expect.objectContaining({
        level: 40,
        requestId: 'req-1',
        cause: 'fetch failed: ECONNRESET',
        serviceName: 'orders',
      }),
    );
  });

  it("still throws for the gateway's own probes", async () => {
    const { source } = dataSource(() => text(503, 'down'));
    await expect(
      source.process({
        kind: GraphQLDataSourceRequestKind.HEALTH_CHECK,
        request: { query: '{ __typename }' },
        context: {},
      }),
    ).rejects.toThrow();
  });
});

describe('createServiceBuilder', () => {
  it('uses the URL override for a named subgraph and the supergraph URL otherwise', () => {
    const build = createServiceBuilder({
      fetcher: (() => undefined) as unknown as Fetcher,
      timeoutMs: 1_000,
      urlOverrides: { orders: 'http://override:9/graphql' },
      logger: recordingLogger().logger,
      headers,
    });
    expect(build({ name: 'orders', url: 'http://127.0.0.1:4002/graphql' }).url).toBe(
      'http://override:9/graphql',
    );
    expect(build({ name: 'billing', url: 'http://billing/graphql' }).url).toBe('http://billing/graphql');
  });
});
