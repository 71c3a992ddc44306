/**
 * `npm run bench:chaos [-- --clients 8 --settle 5 --mode restart,kill --json]`
 *
 * Chaos under steady load: the whole graph as real processes, `--clients` dispatchers sending the
 * dashboard query (which reads all four subgraphs) back to back through the gateway, while each
 * subgraph in turn is restarted: `restart` is a rolling-deploy stop (SIGTERM, drained) then a fresh
 * start; `kill` is a crash (SIGKILL) then a start. Reports per subgraph and mode the client-visible
 * errors (any response with errors, a non-200 or a failed connection), and the recovery time: from
 * the stop until the first success after the last error. Not a test: prints figures for
 * docs/OPERATIONS.md and docs/BENCHMARKS.md.
 */
import { parseArgs } from 'node:util';
import { testTokens } from '@freightgraph/platform/testing';
import { SUBGRAPHS, type SubgraphName } from '../../scripts/services';
import { startGraph } from '../../tests/harness';

const { values } = parseArgs({
  options: {
    clients: { type: 'string', default: '8' },
    settle: { type: 'string', default: '5' },
    mode: { type: 'string', default: 'restart,kill' },
    json: { type: 'boolean', default: false },
  },
});
const CLIENTS = Number(values.clients);
const SETTLE_MS = Number(values.settle) * 1000;
const MODES = values.mode.split(',') as ('restart' | 'kill')[];
const log = (line: string) => console.error(line);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const DASHBOARD = `query DispatcherDashboard {
  orders(first: 10, status: SHIPPED) {
    totalCount
    edges { node { number customer { name } shipments { trackingNumber status vehicle { registration } } } }
  }
}`;

interface Sample {
  start: number;
  end: number;
  ok: boolean;
  /** What a failed request saw: `partial` (data with errors), `error` (no data), `network`. */
  kind?: 'partial' | 'error' | 'network';
}

interface Outcome {
  subgraph: SubgraphName;
  mode: 'restart' | 'kill';
  requests: number;
  errors: number;
  partial: number;
  failed: number;
  /** Stop → the restarted process answers /health/ready. */
  restartMs: number;
  /** Stop → first success after the last error (0 when no request failed). */
  recoveryMs: number;
}

async function main() {
  log(`booting the graph (${CLIENTS} clients, modes ${MODES.join(', ')})`);
  const graph = await startGraph({ env: { LOG_LEVEL: 'error' } });
  const headers = await testTokens(graph.layout.dataDir).headers('dispatcher');
  const samples: Sample[] = [];
  let running = true;
  const client = async () => {
    while (running) {
      const start = performance.now();
      try {
        const response = await fetch(graph.gatewayUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify({ query: DASHBOARD }),
        });
        const body = (await response.json()) as { data?: unknown; errors?: unknown[] };
        const ok = response.status === 200 && !body.errors;
        const kind = ok ? undefined : body.data ? 'partial' : 'error';
        samples.push({ start, end: performance.now(), ok, ...(kind ? { kind } : {}) });
      } catch {
        samples.push({ start, end: performance.now(), ok: false, kind: 'network' });
        await sleep(50);
      }
    }
  };
  const clients = Array.from({ length: CLIENTS }, client);
  const outcomes: Outcome[] = [];
  try {
    await sleep(SETTLE_MS);
    for (const mode of MODES) {
      for (const subgraph of SUBGRAPHS) {
        const from = samples.length;
        const stoppedAt = performance.now();
        const managed = graph.processes.get(subgraph)!;
        if (mode === 'restart') await managed.stop(30_000);
        else await managed.kill();
        await graph.restart(subgraph);
        const restartMs = performance.now() - stoppedAt;
        await sleep(SETTLE_MS);
        const window = samples.slice(from).filter((s) => s.end >= stoppedAt);
        const failures = window.filter((s) => !s.ok);
        const lastError = Math.max(...failures.map((s) => s.end), Number.NEGATIVE_INFINITY);
        const recovered = window.find((s) => s.ok && s.start >= lastError);
        const recoveryMs = failures.length === 0 ? 0 : (recovered?.end ?? performance.now()) - stoppedAt;
        const outcome: Outcome = {
          subgraph,
          mode,
          requests: window.length,
          errors: failures.length,
          partial: failures.filter((s) => s.kind === 'partial').length,
          failed: failures.filter((s) => s.kind !== 'partial').length,
          restartMs: Math.round(restartMs),
          recoveryMs: Math.round(recoveryMs),
        };
        outcomes.push(outcome);
        log(
          `${mode} ${subgraph}: ${outcome.errors}/${outcome.requests} requests saw errors (${outcome.partial} partial), restart ${outcome.restartMs} ms, recovery ${outcome.recoveryMs} ms`,
        );
      }
    }
  } finally {
    running = false;
    await Promise.all(clients);
    await graph.stop();
  }
  if (values.json) {
    console.log(JSON.stringify({ clients: CLIENTS, outcomes }, null, 2));
    return;
  }
  console.log(
    '| subgraph | mode | requests in window | with errors | of which partial | restart (stop → ready) ms | recovery ms |',
  );
  console.log('|---|---|---|---|---|---|---|');
  for (const o of outcomes) {
    console.log(
      `| ${o.subgraph} | ${o.mode} | ${o.requests} | ${o.errors} (${((100 * o.errors) / Math.max(1, o.requests)).toFixed(1)} %) | ${o.partial} | ${o.restartMs} | ${o.recoveryMs} |`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
