import { createAsyncQueue } from '@freightgraph/platform';
import type { ExecutionResult, FormattedExecutionResult } from 'graphql';
import type { WebSocket } from 'ws';

/** Where a client's results go: its socket and the id of its subscription there. */
export interface RelayTarget {
  socket: WebSocket;
  id: string;
}

/**
 * Sends clients' `next` messages itself, with each result serialised once for every client it goes
 * to. graphql-ws would format and JSON.stringify the whole result per socket: for one event fanned out
 * to 10,000 clients, 10,000 serialisations of the same object. The hub hands every client of a shared
 * subscription the same result object, so its JSON is kept by identity and only the `id` differs.
 *
 * graphql-ws still owns the protocol: `relay` returns the iterator it consumes, which yields nothing and
 * ends (its `complete`, or `error`) once every result is sent; its `return()` (client `complete`,
 * disconnect) stops the results.
 */
export function createRelay(format: (result: ExecutionResult) => FormattedExecutionResult) {
  const serialised = new WeakMap<ExecutionResult, string>();
  const json = (result: ExecutionResult) => {
    let text = serialised.get(result);
    if (text === undefined) {
      text = JSON.stringify(format(result));
      serialised.set(result, text);
    }
    return text;
  };

  return function relay(
    results: AsyncIterableIterator<ExecutionResult>,
    { socket, id }: RelayTarget,
  ): AsyncIterableIterator<never> {
    const done = createAsyncQueue<never>({ capacity: 1, onClose: () => void results.return?.() });
    const prefix = `{"id":${JSON.stringify(id)},"type":"next","payload":`;
    // As graphql-ws does: one result at a time, the next once the socket took the previous one, so a
    // client that is not reading fills its own queue in the hub (and is dropped as slow there).
    const send = (text: string) =>
      new Promise<void>((resolve, reject) => {
        if (socket.readyState !== socket.OPEN) return resolve();
        socket.send(text, (error) => (error ? reject(error) : resolve()));
      });
    void (async () => {
      try {
        for await (const result of results) await send(`${prefix}${json(result)}}`);
        done.end();
      } catch (error) {
        done.end(error);
      }
    })();
    return done.iterator;
  };
}
