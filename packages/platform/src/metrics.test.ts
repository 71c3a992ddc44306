import { ApolloServer } from '@apollo/server';
import { describe, expect, it } from 'vitest';
import { createServiceMetrics } from './metrics';
import { operationMetricsPlugin } from './operation-metrics';

describe('service metrics', () => {
  it('returns the registered metric when asked again, and refuses another type under its name', () => {
    const metrics = createServiceMetrics({ service: 'test' });
    const first = metrics.counter({ name: 'bus_dead_letters_total', help: 'dead letters' });
    expect(metrics.counter({ name: 'bus_dead_letters_total', help: 'dead letters' })).toBe(first);
    expect(() => metrics.gauge({ name: 'bus_dead_letters_total', help: 'x' })).toThrow(/another type/);
  });

  it('exposes runtime metrics and its labels on every sample', async () => {
    const metrics = createServiceMetrics({ subgraph: 'orders' });
    metrics.counter({ name: 'bus_published_total', help: 'published' }).inc(3);
    const text = await metrics.render();
    expect(text).toMatch(/^bus_published_total\{subgraph="orders"\} 3$/m);
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds\{subgraph="orders"\} /m);
    expect(metrics.contentType).toMatch(/^text\/plain/);
  });

  it('times operations by name and type, and caps the names a client can invent', async () => {
    const metrics = createServiceMetrics({ service: 'test' });
    const server = new ApolloServer({
      typeDefs: 'type Query { hello: String, fail: String }',
      resolvers: {
        Query: {
          hello: () => 'hi',
          fail: () => {
            throw new Error('no');
          },
        },
      },
      plugins: [operationMetricsPlugin(metrics)],
    });
    await server.start();
    await server.executeOperation({ query: 'query Greeting { hello }' });
    await server.executeOperation({ query: 'query Broken { fail }' });
    for (let n = 0; n < 210; n++) await server.executeOperation({ query: `query Q${n} { hello }` });
    await server.stop();
    const text = await metrics.render();
    expect(text).toMatch(
      /^freightgraph_graphql_operation_duration_seconds_count\{service="test",operation_name="Greeting",operation_type="query"\} 1$/m,
    );
    expect(text).toMatch(/^freightgraph_graphql_requests_total\{service="test"\} 212$/m);
    expect(text).toMatch(/^freightgraph_graphql_errors_total\{service="test"\} 1$/m);
    expect(text).toMatch(
      /^freightgraph_graphql_operations_total\{operation_name="Broken",operation_type="query",outcome="error",service="test"\} 1$/m,
    );
    expect(text).toMatch(
      /^freightgraph_graphql_operations_total\{operation_name="Greeting",operation_type="query",outcome="ok",service="test"\} 1$/m,
    );
    expect(text).toMatch(/_count\{service="test",operation_name="other",operation_type="query"\} 12$/m);
  });
});
