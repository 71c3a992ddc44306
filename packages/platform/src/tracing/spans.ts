import { type Attributes, type Span, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';

const tracer = trace.getTracer('@freightgraph/platform');

/**
 * Runs `fn` in a child span of the active one. Without an active span (tracing off, the SDK never
 * loaded, or work outside any request) it just runs `fn`: no span object, no attribute building.
 */
export async function inChildSpan<T>(
  name: string,
  attributes: () => Attributes,
  fn: () => Promise<T>,
  kind: SpanKind = SpanKind.INTERNAL,
): Promise<T> {
  if (!trace.getActiveSpan()?.isRecording()) return fn();
  return tracer.startActiveSpan(name, { kind, attributes: attributes() }, async (span: Span) => {
    try {
      return await fn();
    } catch (error) {
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR });
      throw error;
    } finally {
      span.end();
    }
  });
}
