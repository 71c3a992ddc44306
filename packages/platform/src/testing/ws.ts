import type { FormattedExecutionResult } from 'graphql';
import { type Client, createClient, type SubscribePayload } from 'graphql-ws';
import { WebSocket } from 'ws';
import { createAsyncQueue } from '../async-queue';

/** `http://host/graphql` → `ws://host/graphql`. */
export const toWsUrl = (httpUrl: string) => httpUrl.replace(/^http/, 'ws');

/** A graphql-ws client as a browser or app would open one, for tests (no retries: failures must show). */
export function wsClient(httpUrl: string, connectionParams: Record<string, unknown> = {}): Client {
  return createClient({
    url: toWsUrl(httpUrl),
    webSocketImpl: WebSocket,
    connectionParams,
    retryAttempts: 0,
    lazy: true,
  });
}

/**
 * A graphql-ws client to a subgraph as the gateway opens one: `connection` (an internal token) in
 * `connection_init`, and `viewer` (the subscribing viewer's internal token, default the same) in every
 * subscribe message's `extensions.authorization`.
 */
export function subgraphClient(httpUrl: string, connection: string, viewer = connection): Client {
  const client = wsClient(httpUrl, { authorization: connection });
  return {
    ...client,
    subscribe: (payload, sink) =>
      client.subscribe({ ...payload, extensions: { authorization: viewer, ...payload.extensions } }, sink),
  };
}

export interface TestSubscription<TData> {
  /** The next result, failing after `timeoutMs`. */
  next(timeoutMs?: number): Promise<FormattedExecutionResult<TData>>;
  /** Resolves when the server completes the subscription (or the socket fails: `error` is set). */
  readonly ended: Promise<{ error?: unknown }>;
  /** Results received and not yet taken. */
  pending(): number;
  /** Sends `complete`, as a client unsubscribing. */
  unsubscribe(): void;
}

export function subscribe<TData = Record<string, unknown>>(
  client: Client,
  payload: SubscribePayload,
): TestSubscription<TData> {
  const queue = createAsyncQueue<FormattedExecutionResult<TData>>({ capacity: 10_000 });
  let settle: (outcome: { error?: unknown }) => void = () => undefined;
  const ended = new Promise<{ error?: unknown }>((resolve) => {
    settle = resolve;
  });
  const unsubscribe = client.subscribe<TData>(payload, {
    next: (result) => void queue.push(result as FormattedExecutionResult<TData>),
    error: (error) => {
      queue.end();
      settle({ error });
    },
    complete: () => {
      queue.end();
      settle({});
    },
  });
  return {
    async next(timeoutMs = 10_000) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`no subscription result within ${timeoutMs} ms`)),
          timeoutMs,
        );
      });
      try {
        const result = await Promise.race([queue.iterator.next(), timeout]);
        if (result.done) throw new Error('the subscription ended before another result');
        return result.value;
      } finally {
        clearTimeout(timer);
      }
    },
    ended,
    pending: () => queue.size,
    unsubscribe,
  };
}
