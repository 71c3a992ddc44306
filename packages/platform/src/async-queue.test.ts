import { describe, expect, it } from 'vitest';
import { createAsyncQueue } from './async-queue';

describe('createAsyncQueue', () => {
  it('hands values to a waiting consumer and buffers the rest, in order', async () => {
    const queue = createAsyncQueue<number>({ capacity: 10 });
    const first = queue.iterator.next();
    queue.push(1);
    queue.push(2);
    queue.push(3);
    expect(await first).toEqual({ done: false, value: 1 });
    expect(queue.size).toBe(2);
    expect(await queue.iterator.next()).toEqual({ done: false, value: 2 });
    queue.end();
    expect(await queue.iterator.next()).toEqual({ done: false, value: 3 });
    expect(await queue.iterator.next()).toEqual({ done: true, value: undefined });
  });

  it('ends a pending next at once on return, and runs onClose exactly once', async () => {
    let closed = 0;
    const queue = createAsyncQueue<number>({ capacity: 10, onClose: () => closed++ });
    const pending = queue.iterator.next();
    await queue.iterator.return?.();
    expect(await pending).toEqual({ done: true, value: undefined });
    queue.end();
    await queue.iterator.return?.();
    expect(closed).toBe(1);
    expect(queue.push(1)).toBe(false);
  });

  it('reports overflow instead of growing past capacity', () => {
    let overflows = 0;
    const queue = createAsyncQueue<number>({ capacity: 2, onOverflow: () => overflows++ });
    expect([queue.push(1), queue.push(2), queue.push(3)]).toEqual([true, true, false]);
    expect(overflows).toBe(1);
    expect(queue.size).toBe(2);
  });

  it('throws the end error after the buffered values', async () => {
    const queue = createAsyncQueue<number>({ capacity: 5 });
    queue.push(1);
    queue.end(new Error('gone'));
    expect(await queue.iterator.next()).toEqual({ done: false, value: 1 });
    await expect(queue.iterator.next()).rejects.toThrow('gone');
    expect(await queue.iterator.next()).toEqual({ done: true, value: undefined });
  });
});
