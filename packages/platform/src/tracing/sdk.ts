import { register } from 'node:module';
import { createAddHookMessageChannel } from 'import-in-the-middle';

/**
 * The OpenTelemetry Node SDK with the instrumentations that fit this graph: http (the services' servers
 * and the OTLP exporter's own calls, which are not traced), undici (the gateway's subgraph calls, which
 * also carry `traceparent`) and graphql (parse, validate, execute and resolvers on every service). SQL
 * spans come from the store itself (store-telemetry.ts), the same for PGlite and PostgreSQL.
 */
export interface TracingSdkOptions {
  serviceName: string | undefined;
  /** OTLP metrics and logs as the standard variables configure them; otherwise none (traces only). */
  metrics: boolean;
  logs: boolean;
}

export async function startTracingSdk({ serviceName, metrics, logs }: TracingSdkOptions) {
  // ESM modules are patched through import-in-the-middle's loader, which must be registered before they
  // are imported; the message channel limits it to the modules the instrumentations ask for.
  const { registerOptions, waitForAllMessagesAcknowledged } = createAddHookMessageChannel();
  register('import-in-the-middle/hook.mjs', import.meta.url, registerOptions);
  const [{ NodeSDK }, { HttpInstrumentation }, { UndiciInstrumentation }, { GraphQLInstrumentation }] =
    await Promise.all([
      import('@opentelemetry/sdk-node'),
      import('@opentelemetry/instrumentation-http'),
      import('@opentelemetry/instrumentation-undici'),
      import('@opentelemetry/instrumentation-graphql'),
    ]);
  const sdk = new NodeSDK({
    ...(serviceName ? { serviceName } : {}),
    // An empty list means none: no meter provider, so the instrumentations record no histograms.
    ...(metrics ? {} : { metricReaders: [] }),
    ...(logs ? {} : { logRecordProcessors: [] }),
    instrumentations: [
      new HttpInstrumentation({
        // Probes and scrapes are not operations: no trace for them.
        ignoreIncomingRequestHook: (req) => /^\/(health|metrics)(\/|$|\?)/.test(req.url ?? ''),
      }),
      new UndiciInstrumentation(),
      new GraphQLInstrumentation({ ignoreTrivialResolveSpans: true, mergeItems: true }),
    ],
  });
  sdk.start();
  await waitForAllMessagesAcknowledged();
  return sdk;
}
