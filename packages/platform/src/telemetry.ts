/**
 * Tracing bootstrap, imported by each service's entry before anything else: when an OTLP endpoint is
 * configured it loads the OpenTelemetry SDK (which then patches http, undici and graphql as they are
 * imported); otherwise it loads nothing, and the `@opentelemetry/api` calls elsewhere stay no-ops.
 * Kept free of imports that are instrumented, so importing it never loads them too early.
 */
import { z } from 'zod';

const telemetryEnv = z.object({
  OTEL_EXPORTER_OTLP_ENDPOINT: z.string().url().optional(),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: z.string().url().optional(),
  OTEL_SDK_DISABLED: z.enum(['true', 'false']).optional(),
  OTEL_SERVICE_NAME: z.string().min(1).optional(),
  // The SDK would also export OTLP metrics and logs by default; ours are Prometheus and pino, so those
  // stay off unless asked for (each costs work on every request, sampled or not).
  OTEL_METRICS_EXPORTER: z.string().optional(),
  OTEL_LOGS_EXPORTER: z.string().optional(),
});

export type TelemetryConfig = z.infer<typeof telemetryEnv>;

let running: { shutdown(): Promise<void> } | undefined;

/** Whether this environment asks for traces (an OTLP endpoint, and the SDK not disabled). */
export function tracingEnabled(config: TelemetryConfig): boolean {
  if (config.OTEL_SDK_DISABLED === 'true') return false;
  return Boolean(config.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? config.OTEL_EXPORTER_OTLP_ENDPOINT);
}

/**
 * Starts tracing for `serviceName` (unless `OTEL_SERVICE_NAME` names it) when the environment asks for
 * it. The SDK reads the other standard variables itself: `OTEL_EXPORTER_OTLP_PROTOCOL`
 * (`http/protobuf`, `http/json`), `OTEL_TRACES_SAMPLER` and `_ARG`, headers, timeouts, resource
 * attributes. Returns whether tracing started; exits with one line when the variables are invalid.
 */
export async function startTelemetry(
  serviceName: string,
  environment: NodeJS.ProcessEnv = process.env,
): Promise<boolean> {
  const parsed = telemetryEnv.safeParse(environment);
  if (!parsed.success) {
    // Called before runService, so it ends the process as runService would: one line, non-zero.
    const issues = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    console.error(`${serviceName}: invalid configuration: ${issues.join('; ')}`);
    process.exit(1);
  }
  if (running || !tracingEnabled(parsed.data)) return false;
  const { startTracingSdk } = await import('./tracing/sdk');
  running = await startTracingSdk({
    serviceName: parsed.data.OTEL_SERVICE_NAME ? undefined : serviceName,
    // Empty counts as unset, as the SDK reads it.
    metrics: Boolean(parsed.data.OTEL_METRICS_EXPORTER?.trim()),
    logs: Boolean(parsed.data.OTEL_LOGS_EXPORTER?.trim()),
  });
  return true;
}

/** Flushes and stops the exporter, when tracing runs: spans of the last requests are not lost. */
export async function stopTelemetry(): Promise<void> {
  const sdk = running;
  running = undefined;
  await sdk?.shutdown();
}
