import type { GraphQLError } from 'graphql';
import type { InternalTokenVerifier } from '../auth/tokens';
import { type RouteHandler, sendJson } from '../http';
import type { Logger } from '../logger';
import type { ServiceMetrics } from '../metrics';

export interface SubgraphRoutesOptions {
  name: string;
  logger: Logger;
  store: { ping(): Promise<void> };
  verifyInternalToken: InternalTokenVerifier;
  metrics: Pick<ServiceMetrics, 'contentType' | 'render'>;
  /** This process's id, echoed by `/health`. */
  instance: string;
}

/**
 * `/health` (open, for probes; the store's ping) and `/metrics` (behind the internal token) beside
 * `/graphql`; `/health/live` and `/health/ready` come from `createProbes`.
 */
export function subgraphRoutes(options: SubgraphRoutesOptions): Record<string, RouteHandler> {
  const { name, logger, instance } = options;
  return {
    '/health': async (_req, res) => {
      try {
        await options.store.ping();
        sendJson(res, 200, { status: 'ok', service: name, instance });
      } catch (error) {
        logger.warn({ err: error }, 'health check failed');
        sendJson(res, 503, { status: 'unavailable', service: name, instance });
      }
    },
    '/metrics': async (req, res) => {
      try {
        await options.verifyInternalToken(req.headers.authorization);
      } catch (error) {
        const { message, extensions } = error as GraphQLError;
        return sendJson(res, 401, { errors: [{ message, extensions: { code: extensions?.code } }] });
      }
      const body = await options.metrics.render();
      res.setHeader('content-type', options.metrics.contentType);
      res.end(body);
    },
  };
}
