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
}

/** `/health` (open, for probes) and `/metrics` (behind the internal token) beside `/graphql`. */
export function subgraphRoutes(options: SubgraphRoutesOptions): Record<string, RouteHandler> {
  const { name, logger } = options;
  return {
    '/health': async (_req, res) => {
      try {
        await options.store.ping();
        sendJson(res, 200, { status: 'ok', service: name });
      } catch (error) {
        logger.warn({ err: error }, 'health check failed');
        sendJson(res, 503, { status: 'unavailable', service: name });
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
