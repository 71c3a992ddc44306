/**
 * A local OTLP/HTTP trace receiver for the tests: accepts `POST /v1/traces` in both encodings the
 * services may be configured with (`http/json`, `http/protobuf`) and keeps every span it was sent.
 */

import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';

export interface ReceivedSpan {
  service: string;
  traceId: string;
  spanId: string;
  /** Empty for a root span. */
  parentSpanId: string;
  name: string;
  attributes: Record<string, unknown>;
}

export interface OtlpReceiver {
  /** The `OTEL_EXPORTER_OTLP_ENDPOINT` to give the services. */
  url: string;
  spans: ReceivedSpan[];
  /** How each service's spans were encoded (`service → content type`). */
  encodings: Map<string, string>;
  close(): Promise<void>;
}

interface KeyValue {
  key: string;
  value: Record<string, unknown>;
}
interface OtlpSpan {
  traceId: unknown;
  spanId: unknown;
  parentSpanId?: unknown;
  name: string;
  attributes?: KeyValue[];
}
interface TraceRequest {
  resourceSpans?: { resource?: { attributes?: KeyValue[] }; scopeSpans?: { spans?: OtlpSpan[] }[] }[];
}

// The protobuf types the OpenTelemetry exporters themselves were generated from.
const { opentelemetry: proto } = createRequire(import.meta.url)(
  '@opentelemetry/otlp-transformer/build/src/generated/root.js',
);
const ExportTraceServiceRequest = proto.proto.collector.trace.v1.ExportTraceServiceRequest;

function decode(contentType: string, body: Buffer): TraceRequest {
  if (contentType.includes('json')) return JSON.parse(body.toString('utf8')) as TraceRequest;
  return ExportTraceServiceRequest.toObject(ExportTraceServiceRequest.decode(body), {
    longs: String,
    bytes: Buffer,
  }) as TraceRequest;
}

// OTLP/JSON carries ids as hex strings, protobuf as bytes.
const hex = (id: unknown) => (Buffer.isBuffer(id) ? id.toString('hex') : typeof id === 'string' ? id : '');

function attributes(list: KeyValue[] | undefined): Record<string, unknown> {
  return Object.fromEntries((list ?? []).map(({ key, value }) => [key, Object.values(value)[0]]));
}

export async function startOtlpReceiver(): Promise<OtlpReceiver> {
  const spans: ReceivedSpan[] = [];
  const encodings = new Map<string, string>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (req.url !== '/v1/traces') {
        res.statusCode = 200; // logs or metrics, if a service is configured to send them: not kept
        return void res.end('{}');
      }
      const contentType = req.headers['content-type'] ?? '';
      for (const resourceSpans of decode(contentType, Buffer.concat(chunks)).resourceSpans ?? []) {
        const service = String(attributes(resourceSpans.resource?.attributes)['service.name']);
        encodings.set(service, contentType);
        for (const scope of resourceSpans.scopeSpans ?? []) {
          for (const span of scope.spans ?? []) {
            spans.push({
              service,
              traceId: hex(span.traceId),
              spanId: hex(span.spanId),
              parentSpanId: hex(span.parentSpanId),
              name: span.name,
              attributes: attributes(span.attributes),
            });
          }
        }
      }
      res.setHeader('content-type', contentType.includes('json') ? 'application/json' : contentType);
      res.end(contentType.includes('json') ? '{}' : Buffer.alloc(0));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    spans,
    encodings,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
