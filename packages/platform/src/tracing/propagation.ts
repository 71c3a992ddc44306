import { type Context, context, propagation, ROOT_CONTEXT, trace } from '@opentelemetry/api';

/** W3C trace context as carried in headers, a graphql-ws payload or an event envelope. */
export interface TraceCarrier {
  traceparent?: string;
  tracestate?: string;
}

/**
 * The active trace context as W3C `traceparent` (and `tracestate`), to put into whatever leaves the
 * process without an instrumented transport: a published domain event, a queued job. Empty when no
 * span is active (tracing off).
 */
export function currentTraceContext(active: Context = context.active()): TraceCarrier {
  const carrier: Record<string, string> = {};
  propagation.inject(active, carrier);
  return {
    ...(carrier.traceparent ? { traceparent: carrier.traceparent } : {}),
    ...(carrier.tracestate ? { tracestate: carrier.tracestate } : {}),
  };
}

/** The trace context `carrier` holds (from `currentTraceContext`), for work that continues it. */
export function traceContextFrom(carrier: TraceCarrier | undefined): Context {
  if (!carrier?.traceparent) return ROOT_CONTEXT;
  return propagation.extract(ROOT_CONTEXT, carrier);
}

/**
 * Runs `fn` as a continuation of `carrier`'s trace: an event consumer calls it with the event's
 * envelope, so the spans of its handling join the trace of the request that published it.
 */
export function withTraceContext<T>(carrier: TraceCarrier | undefined, fn: () => T): T {
  return context.with(traceContextFrom(carrier), fn);
}

/**
 * Whether the tracing SDK propagates trace context itself (its propagator is installed): then the
 * instrumented transports write `traceparent`, and nobody may add a second one by hand.
 */
export function propagatesTraceContext(): boolean {
  return propagation.fields().includes('traceparent');
}

/** The active span's trace and span ids, for log lines; undefined when none is active. */
export function activeTraceIds(): { traceId: string; spanId: string } | undefined {
  const span = trace.getActiveSpan();
  if (!span) return undefined;
  const { traceId, spanId } = span.spanContext();
  return { traceId, spanId };
}
