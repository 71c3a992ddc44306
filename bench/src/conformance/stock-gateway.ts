/**
 * Stock `@apollo/gateway` (the version this repository pins) for the federation conformance run: its
 * defaults over `SUPERGRAPH_PATH`, no auth, plus a `/health` that answers 200 once the supergraph is
 * loaded, as the audit's own Apollo Gateway runner does.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { parseConfig } from '@freightgraph/platform';
import { z } from 'zod';

const config = parseConfig(
  'apollo-stock-conformance',
  z.object({
    PORT: z.coerce.number().int().min(1).max(65535),
    SUPERGRAPH_PATH: z.string().min(1),
  }),
);

process.env.APOLLO_TELEMETRY_DISABLED = 'true';
const gateway = new ApolloGateway({ supergraphSdl: readFileSync(config.SUPERGRAPH_PATH, 'utf8') });
const server = new ApolloServer({ gateway });
await server.start();

const httpServer = createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname === '/health') {
    res.statusCode = 200;
    res.end('OK');
    return;
  }
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === 'string') headers.set(name, value);
  }
  const response = await server.executeHTTPGraphQLRequest({
    httpGraphQLRequest: {
      method: req.method ?? 'GET',
      headers,
      search: url.search,
      body: text ? JSON.parse(text) : undefined,
    },
    context: async () => ({}),
  });
  res.statusCode = response.status ?? 200;
  for (const [name, value] of response.headers) res.setHeader(name, value);
  if (response.body.kind === 'complete') {
    res.end(response.body.string);
    return;
  }
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
});
httpServer.listen(config.PORT, '127.0.0.1', () => console.log(`apollo-stock ready on ${config.PORT}`));
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void server.stop().then(() => process.exit(0)));
}
