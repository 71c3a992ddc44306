import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ApolloServer, type BaseContext, HeaderMap } from '@apollo/server';
import { inRequestScope } from './request-scope';

/** The GraphQL request as received: the JSON body (or raw text) and the URL's query string. */
export interface ParsedRequest {
  body: unknown;
  search: string;
}

export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface GraphQLHttpOptions<TContext extends BaseContext> {
  server: ApolloServer<TContext>;
  /** Builds the context; `request` is the parsed body and query string, for checks before Apollo's. */
  context: (req: IncomingMessage, request: ParsedRequest) => Promise<TContext>;
  /** Path of the GraphQL endpoint. */
  path?: string;
  /** Requests with a larger body are refused with 413 before any parsing. */
  maxBodyBytes?: number;
  /** Extra GET routes (health, metrics, playground), matched on the exact path. */
  routes?: Record<string, RouteHandler>;
  /** Extra POST routes (an event inbox), matched on the exact path. */
  postRoutes?: Record<string, RouteHandler>;
  /** Called for an HTML GET on the GraphQL path (the playground); otherwise Apollo answers. */
  html?: RouteHandler;
  /** Headers set on every response (security headers); a route may override them. */
  responseHeaders?: Readonly<Record<string, string>>;
}

/**
 * A minimal Node `http` binding for Apollo Server: Apollo's standalone server drags in express-style
 * middleware we do not need on the hot path, and gives no room for health or metrics routes.
 */
export function createHttpServer<TContext extends BaseContext>(options: GraphQLHttpOptions<TContext>) {
  const path = options.path ?? '/graphql';
  const maxBodyBytes = options.maxBodyBytes ?? 1_000_000;
  return http.createServer((req, res) => inRequestScope(req, () => handle(req, res)));

  function handle(req: IncomingMessage, res: ServerResponse) {
    for (const [name, value] of Object.entries(options.responseHeaders ?? {})) res.setHeader(name, value);
    const url = new URL(req.url ?? '/', 'http://localhost');
    const route =
      req.method === 'GET'
        ? options.routes?.[url.pathname]
        : req.method === 'POST'
          ? options.postRoutes?.[url.pathname]
          : undefined;
    if (route) return void Promise.resolve(route(req, res)).catch((error) => fail(res, error));
    if (url.pathname !== path) return sendJson(res, 404, { errors: [{ message: 'Not found' }] });
    if (req.method === 'GET' && options.html && req.headers.accept?.includes('text/html')) {
      return void Promise.resolve(options.html(req, res)).catch((error) => fail(res, error));
    }
    handleGraphQL(options, req, res, url, maxBodyBytes).catch((error) => fail(res, error));
  }
}

async function handleGraphQL<TContext extends BaseContext>(
  options: GraphQLHttpOptions<TContext>,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  maxBodyBytes: number,
) {
  const raw = await readBody(req, maxBodyBytes);
  if (raw === null)
    return badRequest(res, 413, 'PAYLOAD_TOO_LARGE', `Request body exceeds ${maxBodyBytes} bytes`);
  let body: unknown;
  if (raw.length > 0 && req.headers['content-type']?.includes('application/json')) {
    try {
      body = JSON.parse(raw);
    } catch {
      return badRequest(res, 400, 'BAD_REQUEST', 'Request body is not valid JSON');
    }
  } else if (raw.length > 0) {
    body = raw;
  }
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  const response = await options.server.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: (req.method ?? 'GET').toUpperCase(), headers, search: url.search, body },
    context: () => options.context(req, { body, search: url.search }),
  });
  for (const [key, value] of response.headers) res.setHeader(key, value);
  res.statusCode = response.status ?? 200;
  if (response.body.kind === 'complete') return void res.end(response.body.string);
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}

function readBody(req: IncomingMessage, limit: number): Promise<string | null> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) {
    req.resume();
    return Promise.resolve(null);
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        resolve(null);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(body));
}

function badRequest(res: ServerResponse, status: number, code: string, message: string) {
  sendJson(res, status, { errors: [{ message, extensions: { code } }] });
}

function fail(res: ServerResponse, error: unknown) {
  // The error is logged by the caller's Apollo plugins where it came from Apollo; here it is transport.
  console.error('http handler failed', error);
  if (res.headersSent) return void res.destroy();
  badRequest(res, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error');
}

/** Listens and resolves with the bound URL (port 0 picks a free port, which the tests rely on). */
export async function listen(server: http.Server, port: number, host: string): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  return `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
}
