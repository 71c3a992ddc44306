import { Supergraph } from '@apollo/federation-internals';
import { createProbes, type RouteHandler, sendJson } from '@freightgraph/platform';
import { type Dispatcher, fetch } from 'undici';

export interface SubgraphEndpoint {
  name: string;
  url: string;
}

/** The subgraphs a supergraph names, with the gateway's URL overrides applied. */
export function subgraphEndpoints(
  supergraphSdl: string,
  urlOverrides: Readonly<Record<string, string>>,
): SubgraphEndpoint[] {
  return Supergraph.build(supergraphSdl)
    .subgraphsMetadata()
    .map(({ name, url }) => ({ name, url: urlOverrides[name] ?? url }));
}

export interface HealthOptions {
  dispatcher: Dispatcher;
  urlOverrides: Readonly<Record<string, string>>;
  /** Per-probe deadline for `/health/subgraphs`. */
  probeTimeoutMs: number;
  /** Show the probed URLs (not in production: they describe the internal network). */
  showUrls: boolean;
  /** Echoed by `/health`, so a launcher knows it reached the process it started. */
  instanceId: string;
}

interface Probe {
  name: string;
  url?: string;
  status: 'ok' | 'unavailable';
  httpStatus?: number;
  latencyMs: number;
}

/**
 * `GET /health`: 200 once a supergraph is loaded (503 before), which is what a load balancer should
 * route on. `GET /health/subgraphs`: probes every subgraph's `/health` (next to its GraphQL path) and
 * reports each; 503 when any is down, for dashboards rather than routing. `GET /health/live` and
 * `GET /health/ready` are the orchestrator's probes: ready once a supergraph is loaded and until a
 * drain begins. A subgraph being down never fails them: restarting or unrouting every gateway would
 * not bring it back, and the other subgraphs' fields still answer.
 */
export function createHealth(options: HealthOptions) {
  let loaded: { at: string; subgraphs: SubgraphEndpoint[] } | undefined;
  const instance = options.instanceId;
  const probes = createProbes({
    service: 'gateway',
    instance,
    checks: {
      supergraph: () => {
        if (!loaded) throw new Error('no supergraph loaded yet');
      },
    },
  });

  const probe = async ({ name, url }: SubgraphEndpoint): Promise<Probe> => {
    const started = performance.now();
    const shown = options.showUrls ? { url } : {};
    try {
      const response = await fetch(new URL('health', url), {
        dispatcher: options.dispatcher,
        signal: AbortSignal.timeout(options.probeTimeoutMs),
      });
      // Drain the body so the keep-alive socket can be reused.
      await response.arrayBuffer();
      const latencyMs = Math.round(performance.now() - started);
      const status = response.ok ? 'ok' : 'unavailable';
      return { name, ...shown, status, httpStatus: response.status, latencyMs };
    } catch {
      return { name, ...shown, status: 'unavailable', latencyMs: Math.round(performance.now() - started) };
    }
  };

  const routes: Record<string, RouteHandler> = {
    ...probes.routes,
    '/health': (_req, res) => {
      if (!loaded) return sendJson(res, 503, { status: 'starting', service: 'gateway', instance });
      sendJson(res, 200, {
        status: 'ok',
        service: 'gateway',
        instance,
        supergraph: { loadedAt: loaded.at, subgraphs: loaded.subgraphs.length },
      });
    },
    '/health/subgraphs': async (_req, res) => {
      if (!loaded) return sendJson(res, 503, { status: 'starting', service: 'gateway', subgraphs: [] });
      const subgraphs = await Promise.all(loaded.subgraphs.map(probe));
      const ok = subgraphs.every((s) => s.status === 'ok');
      sendJson(res, ok ? 200 : 503, { status: ok ? 'ok' : 'degraded', service: 'gateway', subgraphs });
    },
  };

  return {
    routes,
    /** Readiness fails from now on: the first step of a drain. */
    drain: probes.drain,
    /** Wire to `gateway.onSchemaLoadOrUpdate`: called for the first load and every accepted reload. */
    supergraphLoaded(supergraphSdl: string): void {
      loaded = {
        at: new Date().toISOString(),
        subgraphs: subgraphEndpoints(supergraphSdl, options.urlOverrides),
      };
    },
  };
}
