/**
 * The load generator: a separate process running autocannon with a fixed connection count, checking
 * every response. Started by load.ts; receives a LoadPlan, answers a LoadResult.
 */
import { isDeepStrictEqual } from 'node:util';
import autocannon from 'autocannon';
import type { LoadPlan, LoadResult } from './load-plan';
import type { Exchange } from './reference';
import { isTrackedCorrectly, TRACK_MUTATION, trackingInput } from './workloads';

type Request = autocannon.Request;

function readRequest(exchange: Exchange, tally: { bad: number }): Request {
  // Serializers differ only by a trailing newline in practice; anything else is compared as JSON.
  const expectedText = JSON.stringify(exchange.expected);
  return {
    method: 'POST',
    body: exchange.body,
    onResponse: (status, body) => {
      if (status !== 200) return void tally.bad++;
      if (body.trimEnd() === expectedText) return;
      try {
        if (!isDeepStrictEqual(JSON.parse(body), exchange.expected)) tally.bad++;
      } catch {
        tally.bad++;
      }
    },
  };
}

function mutationRequest(targets: string[], tally: { bad: number }): Request {
  let sent = 0;
  type Context = { input?: ReturnType<typeof trackingInput> };
  return {
    method: 'POST',
    setupRequest: (request, context) => {
      const input = trackingInput(targets, sent++);
      (context as Context).input = input;
      return { ...request, body: JSON.stringify({ query: TRACK_MUTATION, variables: { input } }) };
    },
    onResponse: (status, body, context) => {
      const { input } = context as Context;
      if (status !== 200 || !input || !isTrackedCorrectly(body, input)) tally.bad++;
    },
  };
}

async function run(plan: LoadPlan): Promise<LoadResult> {
  const tally = { bad: 0 };
  const requests = plan.mutationTargets
    ? [mutationRequest(plan.mutationTargets, tally)]
    : (plan.exchanges ?? []).map((exchange) => readRequest(exchange, tally));
  const result = await autocannon({
    url: plan.url,
    connections: plan.connections,
    pipelining: 1,
    duration: plan.seconds,
    timeout: 10,
    headers: { ...plan.headers, 'content-type': 'application/json' },
    requests,
  });
  const responses = result.requests.total;
  const errors = tally.bad + result.errors;
  return {
    rps: (responses - tally.bad) / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    meanMs: responses > 0 ? (plan.connections * result.duration * 1000) / responses : Number.NaN,
    responses,
    errors,
    seconds: result.duration,
  };
}

process.on('message', (plan: LoadPlan) => {
  run(plan).then(
    (result) => process.send?.({ result }),
    (error: unknown) => process.send?.({ error: String(error) }),
  );
});
process.on('disconnect', () => process.exit(0));
