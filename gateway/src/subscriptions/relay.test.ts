import { createAsyncQueue } from '@freightgraph/platform';
import type { ExecutionResult } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { createRelay } from './relay';

// What the relay uses of a `ws` socket: its state and send (with the flushed callback).
function fakeSocket() {
  const sent: unknown[] = [];
  const socket = {
    OPEN: 1,
    readyState: 1,
    send: (text: string, done: (error?: Error) => void) => {
      sent.push(JSON.parse(text));
      done();
    },
  };
  return { socket: socket as unknown as WebSocket, sent };
}

describe('createRelay', () => {
  it('sends each client its next messages, formatting and serialising a shared result once', async () => {
    let formatted = 0;
    const relay = createRelay((result) => {
      formatted++;
      return result;
    });
    const result: ExecutionResult = { data: { tick: 1 } };
    const clients = ['a', 'b'].map((id) => {
      const queue = createAsyncQueue<ExecutionResult>({ capacity: 5 });
      const target = { ...fakeSocket(), id };
      return { queue, target, done: relay(queue.iterator, target) };
    });
    for (const { queue } of clients) {
      queue.push(result);
      queue.end();
    }
    for (const { done } of clients) expect(await done.next()).toEqual({ done: true, value: undefined });
    expect(clients[0]?.target.sent).toEqual([{ id: 'a', type: 'next', payload: { data: { tick: 1 } } }]);
    expect(clients[1]?.target.sent).toEqual([{ id: 'b', type: 'next', payload: { data: { tick: 1 } } }]);
    expect(formatted).toBe(1);
  });

  it('stops the results when graphql-ws returns its iterator (client complete, disconnect)', async () => {
    let closed = false;
    const queue = createAsyncQueue<ExecutionResult>({ capacity: 5, onClose: () => (closed = true) });
    const done = createRelay((result) => result)(queue.iterator, { ...fakeSocket(), id: 'a' });
    await done.return?.();
    expect(closed).toBe(true);
  });

  it('ends with the error the results end with', async () => {
    const queue = createAsyncQueue<ExecutionResult>({ capacity: 5 });
    const done = createRelay((result) => result)(queue.iterator, { ...fakeSocket(), id: 'a' });
    queue.end(new Error('gone'));
    await expect(done.next()).rejects.toThrow('gone');
  });
});
