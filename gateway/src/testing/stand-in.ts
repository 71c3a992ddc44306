import type { IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { composeServices } from '@apollo/composition';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { createHttpServer, type Logger, listen, sendJson } from '@freightgraph/platform';
import { type DocumentNode, type GraphQLFormattedError, print } from 'graphql';
import { pino } from 'pino';

/** A tiny real subgraph on a free port, recording the headers of every GraphQL request it gets. */
export interface StandIn {
  name: string;
  /** Its GraphQL endpoint. */
  url: string;
  port: number;
  requests: IncomingHttpHeaders[];
  /** Drops every connection at once, as a crash would. */
  kill(): Promise<void>;
}

export interface StandInOptions {
  name: string;
  typeDefs: DocumentNode;
  resolvers: GraphQLResolverMap<unknown>;
  /** 0 for a free port; a previous stand-in's port to "restart" it. */
  port?: number;
}

export async function startStandIn(options: StandInOptions): Promise<StandIn> {
  const requests: IncomingHttpHeaders[] = [];
  const server = new ApolloServer({
    schema: buildSubgraphSchema([{ typeDefs: options.typeDefs, resolvers: options.resolvers }]),
    plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginInlineTraceDisabled()],
  });
  await server.start();
  const httpServer = createHttpServer({
    server,
    context: async (req) => {
      requests.push(req.headers);
      return {};
    },
    routes: { '/health': (_req, res) => sendJson(res, 200, { status: 'ok', service: options.name }) },
  });
  const base = await listen(httpServer, options.port ?? 0, '127.0.0.1');
  let killed = false;
  return {
    name: options.name,
    url: `${base}/graphql`,
    port: (httpServer.address() as AddressInfo).port,
    requests,
    kill: async () => {
      if (killed) return;
      killed = true;
      const closed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
      httpServer.closeAllConnections();
      await closed;
      await server.stop();
    },
  };
}

/** Composes the stand-ins into a supergraph SDL, as `npm run compose` does for the real subgraphs. */
export function composeSupergraph(services: { name: string; url: string; typeDefs: DocumentNode }[]): string {
  const result = composeServices(services);
  if (result.errors) throw new Error(result.errors.map((e) => e.message).join('\n'));
  return result.supergraphSdl;
}

export interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

/** A pino logger whose lines the test can read. */
export function recordingLogger(): { logger: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n')) if (line) lines.push(JSON.parse(line) as LogLine);
      done();
    },
  });
  return { logger: pino({ level: 'debug' }, stream), lines };
}

/** Retries `check` until it stops throwing, for effects that land asynchronously (file watches). */
export async function eventually<T>(check: () => Promise<T> | T, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

export interface GraphQLResult<TData = Record<string, unknown>> {
  status: number;
  headers: Headers;
  data?: TData | null;
  errors?: GraphQLFormattedError[];
}

/** POSTs a query as a client would. */
export async function post<TData = Record<string, unknown>>(
  url: string,
  query: string | DocumentNode,
  headers: Record<string, string> = {},
): Promise<GraphQLResult<TData>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query: typeof query === 'string' ? query : print(query) }),
  });
  const body = (await response.json()) as { data?: TData | null; errors?: GraphQLFormattedError[] };
  return { status: response.status, headers: response.headers, ...body };
}
