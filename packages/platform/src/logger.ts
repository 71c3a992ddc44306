import { type Logger, pino } from 'pino';
import { currentRequestScope } from './request-scope';
import { activeTraceIds } from './tracing/propagation';

export type { Logger };

/**
 * One JSON logger per service; `name` lands on every line so mixed launcher output stays readable, and
 * every line written while a request is handled carries its `requestId`, and `traceId`/`spanId` when
 * tracing is on, so a log line leads to its trace and back.
 */
export function createLogger(name: string, level = 'info'): Logger {
  return pino({
    name,
    level,
    base: { service: name },
    timestamp: pino.stdTimeFunctions.isoTime,
    mixin: () => {
      const request = currentRequestScope();
      const trace = activeTraceIds();
      return { ...(request ? { requestId: request.requestId } : {}), ...(trace ?? {}) };
    },
  });
}
