/**
 * The baseline: stock `@apollo/gateway` + `@apollo/server` with their default settings (default fetcher,
 * standalone server, default plugins), serving the bench's supergraph file. Only the port comes from
 * outside; the subgraph URLs are the ones in the file.
 */
import { readFileSync } from 'node:fs';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { parseConfig } from '@freightgraph/platform';
import { z } from 'zod';

const config = parseConfig(
  'apollo-stock',
  z.object({ PORT: z.coerce.number().int().min(1).max(65535), SUPERGRAPH_PATH: z.string().min(1) }),
);

const gateway = new ApolloGateway({ supergraphSdl: readFileSync(config.SUPERGRAPH_PATH, 'utf8') });
const server = new ApolloServer({ gateway });
const { url } = await startStandaloneServer(server, { listen: { port: config.PORT, host: '127.0.0.1' } });
console.log(`apollo-stock ready at ${url}`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void server.stop().then(() => process.exit(0)));
}
