import { ApolloGateway } from '@apollo/gateway';
import type { Logger } from '@freightgraph/platform';
import { createServiceBuilder } from './datasource';
import { acknowledgeSubgraphEnforcedFeatures } from './security/supergraph-features';
import { supergraphFromFile } from './supergraph-source';

type BuilderOptions = Parameters<typeof createServiceBuilder>[0];

export interface GatewayOptions {
  supergraphPath: string;
  watch: boolean;
  fetcher: BuilderOptions['fetcher'];
  timeoutMs: number;
  urlOverrides: Readonly<Record<string, string>>;
  logger: Logger;
  headers: BuilderOptions['headers'];
}

/** The Apollo gateway over a supergraph file, calling subgraphs through our data source. */
export function createGateway(
  options: GatewayOptions,
  buildService = createServiceBuilder(options),
): ApolloGateway {
  // @apollo/gateway otherwise starts an OpenTelemetry exporter that reports to Apollo's servers and probes
  // cloud metadata endpoints; this variable is its only switch, read when the gateway is constructed.
  process.env.APOLLO_TELEMETRY_DISABLED = 'true';
  return new ApolloGateway({
    supergraphSdl: supergraphFromFile({
      path: options.supergraphPath,
      watch: options.watch,
      logger: options.logger,
      prepare: acknowledgeSubgraphEnforcedFeatures,
    }),
    buildService,
    // Validate every supergraph, also in production: a reload must not swap in a broken schema.
    validateSupergraph: true,
    logger: options.logger,
  });
}
