import {
  type Attributes,
  type Context,
  propagation,
  type Span,
  SpanKind,
  SpanStatusCode,
  TraceFlags,
  trace,
} from '@opentelemetry/api';

const tracer = trace.getTracer('@freightgraph/platform');

/**
 * Runs `fn` in a child span of the active one. Without a sampled active span (tracing off, the SDK
 * never loaded, a trace sampled out, work outside any request) it just runs `fn`: no span object, no
 * attribute building.
 */
export async function inChildSpan<T>(
  name: string,
  attributes: () => Attributes,
  fn: () => Promise<T>,
  kind: SpanKind = SpanKind.INTERNAL,
): Promise<T> {
  // Sampled, not "recording": a DataLoader batch runs after the resolver span that scheduled it ended,
  // and its SQL still belongs under it.
  const active = trace.getActiveSpan()?.spanContext();
  if (!active || (active.traceFlags & TraceFlags.SAMPLED) === 0) return fn();
  return tracer.startActiveSpan(name, { kind, attributes: attributes() }, (span) => ended(span, fn));
}

/**
 * Runs `fn` in a new span under `parent` (a trace continued from elsewhere, e.g. with
 * `traceContextFrom`), for work no request started: a subscription event, a consumed domain event.
 * Without the tracing SDK it just runs `fn`.
 */
export async function inSpan<T>(
  name: string,
  parent: Context,
  attributes: () => Attributes,
  fn: () => Promise<T>,
): Promise<T> {
  if (!propagation.fields().includes('traceparent')) return fn();
  return tracer.startActiveSpan(name, { attributes: attributes() }, parent, (span) => ended(span, fn));
}

async function ended<T>(span: Span, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    span.recordException(error as Error);
    span.setStatus({ code: SpanStatusCode.ERROR });
    throw error;
  } finally {
    span.end();
  }
}
