import type { GraphiQLProps } from 'graphiql';
import type { ExecutionResult } from 'graphql';
import { type Client, createClient } from 'graphql-ws';
import { selectOperation } from './operation';
import type { Session } from './session';

type Fetcher = GraphiQLProps['fetcher'];

/** Closed by the gateway for a missing or invalid token: retrying with the same token cannot help. */
const FORBIDDEN = 4403;

export interface FetcherOptions {
  /** Absolute URL of the GraphQL endpoint; subscriptions use its ws: twin. */
  url: string;
  session: Session;
  /** Offset of the cursor in the operation editor, to pick among several operations. */
  cursorOffset: () => number | undefined;
}

function headerValue(headers: Record<string, unknown>, name: string): string | undefined {
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  const value = key === undefined ? undefined : headers[key];
  return typeof value === 'string' ? value : undefined;
}

/**
 * Queries and mutations go over HTTP, subscriptions over one graphql-ws socket. The signed-in
 * Authorization applies unless the Headers editor sets one. The socket opens with the first
 * subscription (lazy), reconnects after a drop (re-subscribing what was running), and is replaced when
 * the Authorization changes, since graphql-ws authenticates once, at `connection_init`.
 */
export function createPlaygroundFetcher(options: FetcherOptions): Fetcher {
  const wsUrl = options.url.replace(/^http/, 'ws');
  let socket: { client: Client; authorization: string | undefined } | undefined;
  const socketFor = (authorization: string | undefined): Client => {
    if (socket && socket.authorization === authorization) return socket.client;
    void socket?.client.dispose();
    const client = createClient({
      url: wsUrl,
      lazy: true,
      retryAttempts: 10,
      shouldRetry: (event) => !(event instanceof CloseEvent && event.code === FORBIDDEN),
      connectionParams: authorization ? { authorization } : {},
    });
    socket = { client, authorization };
    return client;
  };

  return (params, fetcherOptions) => {
    const { operationName, type } = selectOperation(params.query, options.cursorOffset());
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(fetcherOptions?.headers ?? {})) headers[name] = String(value);
    const signedIn = options.session.current();
    if (signedIn && headerValue(headers, 'authorization') === undefined)
      headers.authorization = signedIn.authorization;
    const request = {
      query: params.query,
      variables: params.variables ?? undefined,
      ...(operationName ? { operationName } : {}),
    };
    if (type === 'subscription') {
      // Formatted results (errors as plain objects), which is what GraphiQL renders anyway.
      const client = socketFor(headerValue(headers, 'authorization'));
      return client.iterate(request) as AsyncIterable<ExecutionResult>;
    }
    return fetch(options.url, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(request),
    }).then((response) => response.json());
  };
}
