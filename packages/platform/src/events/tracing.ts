import { SpanKind, trace } from '@opentelemetry/api';
import { currentTraceContext, propagatesTraceContext, withTraceContext } from '../tracing';
import type { EventEnvelope } from './envelope';

const tracer = trace.getTracer('@freightgraph/platform/events');

/** The active trace as the W3C `traceparent` a new envelope carries (null when tracing is off). */
export const activeTraceparent = (): string | null => currentTraceContext().traceparent ?? null;

/**
 * Runs a consumer's handling of `event` in a span that continues the trace of the transaction that
 * published it, so the saga's steps are one trace; without tracing it just runs `fn`.
 */
export function inEventSpan<T>(consumer: string, event: EventEnvelope, fn: () => Promise<T>): Promise<T> {
  if (!propagatesTraceContext() || !event.traceparent) return fn();
  return withTraceContext({ traceparent: event.traceparent }, () =>
    tracer.startActiveSpan(
      `consume ${event.type}`,
      {
        kind: SpanKind.CONSUMER,
        attributes: {
          'messaging.system': 'freightgraph',
          'messaging.consumer.group.name': consumer,
          'messaging.message.id': event.id,
          'freightgraph.event.version': event.version,
        },
      },
      async (span) => {
        try {
          return await fn();
        } finally {
          span.end();
        }
      },
    ),
  );
}
