/**
 * The load generator: a separate process running autocannon with a fixed connection count, checking
 * every response. Started by load.ts; receives a LoadPlan, answers a LoadResult.
 */
import { isDeepStrictEqual } from 'node:util';
import autocannon from 'autocannon';
import type { LoadPlan, LoadResult, Session, WriteTarget } from './load-plan';
import type { Exchange } from './reference';
import { isTrackedCorrectly, TRACK_MUTATION, trackingInput, trackingInputFor } from './workloads';

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

/** True when a read's answer is its expected one (text first, then as JSON). */
function matches(exchange: Exchange, expectedText: string, body: string): boolean {
  if (body.trimEnd() === expectedText) return true;
  try {
    return isDeepStrictEqual(JSON.parse(body), exchange.expected);
  } catch {
    return false;
  }
}

/**
 * One connection's user: their token on every request, their requests in turn from an offset of their
 * own, and with `writes` every n-th request a position update by a driver, each answer checked against
 * its own expectation. The writes are numbered across connections so no two are alike.
 */
function sessionRequests(
  plans: { sessions: Session[]; writes: LoadPlan['writes'] },
  tally: { bad: number },
): (client: autocannon.Client) => void {
  let connections = 0;
  let writes = 0;
  const expectedTexts = new Map<Exchange, string>();
  const textOf = (exchange: Exchange) => {
    let text = expectedTexts.get(exchange);
    if (text === undefined) {
      text = JSON.stringify(exchange.expected);
      expectedTexts.set(exchange, text);
    }
    return text;
  };
  return (client) => {
    const index = connections++;
    const session = plans.sessions[index % plans.sessions.length]!;
    let sent = 0;
    type Context = { check?: (body: string) => boolean };
    const request: Request = {
      method: 'POST',
      setupRequest: (req, context) => {
        const n = sent++;
        const every = plans.writes?.every ?? 0;
        const targets: WriteTarget[] = plans.writes?.targets ?? [];
        if (every > 0 && targets.length > 0 && n % every === every - 1) {
          const k = writes++;
          const target = targets[k % targets.length]!;
          const input = trackingInputFor(target.shipmentId, k);
          (context as Context).check = (body) => isTrackedCorrectly(body, input);
          return {
            ...req,
            headers: { ...req.headers, authorization: target.authorization },
            body: JSON.stringify({ query: TRACK_MUTATION, variables: { input } }),
          };
        }
        // Connections start apart in their user's list, so even two sessions of one user differ.
        const exchange = session.exchanges[(n + index * 7) % session.exchanges.length]!;
        (context as Context).check = (body) => matches(exchange, textOf(exchange), body);
        return {
          ...req,
          headers: { ...req.headers, authorization: session.authorization },
          body: exchange.body,
        };
      },
      onResponse: (status, body, context) => {
        const { check } = context as Context;
        if (status !== 200 || !check?.(body)) tally.bad++;
      },
    };
    client.setRequests([request]);
  };
}

async function run(plan: LoadPlan): Promise<LoadResult> {
  const tally = { bad: 0 };
  const requests = plan.mutationTargets
    ? [mutationRequest(plan.mutationTargets, tally)]
    : plan.sessions
      ? [{ method: 'POST' as const }]
      : (plan.exchanges ?? []).map((exchange) => readRequest(exchange, tally));
  const setupClient = plan.sessions
    ? sessionRequests({ sessions: plan.sessions, writes: plan.writes }, tally)
    : undefined;
  const result = await autocannon({
    ...(setupClient ? { setupClient } : {}),
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
