import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { type GraphQLFormattedError, print } from 'graphql';

export interface Result<TData> {
  status: number;
  data?: TData | null;
  errors?: GraphQLFormattedError[];
  headers: Headers;
}

/** Posts a typed document to a GraphQL endpoint over HTTP, as any client would. */
export async function execute<TData, TVariables>(
  url: string,
  document: TypedDocumentNode<TData, TVariables>,
  ...[variables, headers]: TVariables extends Record<string, never>
    ? [variables?: TVariables, headers?: Record<string, string>]
    : [variables: TVariables, headers?: Record<string, string>]
): Promise<Result<TData>> {
  return post<TData>(url, { query: print(document), variables }, headers);
}

export async function post<TData = Record<string, unknown>>(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Result<TData>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const json = (await response.json()) as { data?: TData | null; errors?: GraphQLFormattedError[] };
  return { status: response.status, headers: response.headers, ...json };
}

/** Reads a subgraph's SQL statement counter from its Prometheus endpoint. */
export async function sqlStatements(subgraphUrl: string, authorization: string): Promise<number> {
  const metrics = await fetch(subgraphUrl.replace(/\/graphql$/, '/metrics'), { headers: { authorization } });
  const text = await metrics.text();
  const match = /^freightgraph_sql_statements_total\{[^}]*\} (\d+)$/m.exec(text);
  if (!match?.[1]) throw new Error(`no SQL counter at ${subgraphUrl}`);
  return Number(match[1]);
}

/**
 * Reads one sample of a Prometheus metric (`/metrics` beside a GraphQL URL): gauges and counters. A
 * subgraph's needs the gateway's internal token, as everything on a subgraph but `/health`.
 */
export async function metric(graphqlUrl: string, name: string, authorization?: string): Promise<number> {
  const headers: Record<string, string> = authorization ? { authorization } : {};
  const response = await fetch(graphqlUrl.replace(/\/graphql$/, '/metrics'), { headers });
  const text = await response.text();
  const match = new RegExp(`^${name}(?:\\{[^}]*\\})? (\\d+)$`, 'm').exec(text);
  if (!match?.[1]) {
    const lines = text.split('\n').filter((line) => line.includes(name));
    throw new Error(
      `no ${name} at ${graphqlUrl} (HTTP ${response.status}): ${lines.join(' | ') || text.slice(0, 300)}`,
    );
  }
  return Number(match[1]);
}

/** Retries `check` until it passes: for effects that land asynchronously (a socket closing). */
export async function eventually<T>(check: () => Promise<T> | T, timeoutMs = 10_000): Promise<T> {
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
