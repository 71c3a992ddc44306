import { type RouteHandler, sendJson } from '../http';
import type { Logger } from '../logger';

/** One readiness condition: resolves when met, throws (or rejects) with the reason when not. */
export type ReadinessCheck = () => void | Promise<void>;

export interface ProbesOptions {
  service: string;
  /** This process's id, echoed like `/health` echoes it. */
  instance: string;
  /** Named conditions `/health/ready` requires, e.g. `store`, `migrations`, `bus`, `supergraph`. */
  checks: Readonly<Record<string, ReadinessCheck>>;
  /** Where a failed readiness is reported (as a warning). */
  logger?: Logger;
  /** A check that has not answered within this is failed (a hung database must not hang the probe). */
  timeoutMs?: number;
}

export interface Probes {
  /** `GET /health/live` and `GET /health/ready`. */
  routes: Record<string, RouteHandler>;
  /** From now on `/health/ready` answers 503 `draining`, so load balancers stop sending new work. */
  drain(): void;
  /** The readiness verdict `/health/ready` serves. */
  ready(): Promise<Readiness>;
}

export interface Readiness {
  status: 'ready' | 'unavailable' | 'draining';
  /** `ok`, or why the check failed. */
  checks: Record<string, string>;
}

/**
 * Kubernetes-style probes. Liveness says only that the process answers (restarting it would not fix a
 * database outage, so dependencies never fail it); readiness says it should get traffic: every check
 * passes and it is not draining.
 */
export function createProbes(options: ProbesOptions): Probes {
  const { service, instance, logger } = options;
  const timeoutMs = options.timeoutMs ?? 2_000;
  let draining = false;

  const run = async (check: ReadinessCheck): Promise<string> => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      await Promise.race([Promise.resolve().then(check), timeout]);
      return 'ok';
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    } finally {
      clearTimeout(timer);
    }
  };

  const ready = async (): Promise<Readiness> => {
    const names = Object.keys(options.checks);
    const results = await Promise.all(names.map((name) => run(options.checks[name] as ReadinessCheck)));
    const checks = Object.fromEntries(names.map((name, i) => [name, results[i] as string]));
    if (draining) return { status: 'draining', checks };
    return { status: results.every((r) => r === 'ok') ? 'ready' : 'unavailable', checks };
  };

  return {
    routes: {
      '/health/live': (_req, res) => sendJson(res, 200, { status: 'ok', service, instance }),
      '/health/ready': async (_req, res) => {
        const verdict = await ready();
        if (verdict.status === 'unavailable') logger?.warn({ checks: verdict.checks }, 'not ready');
        sendJson(res, verdict.status === 'ready' ? 200 : 503, { ...verdict, service, instance });
      },
    },
    drain() {
      draining = true;
    },
    ready,
  };
}
