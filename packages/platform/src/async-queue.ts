/**
 * A bounded push-to-pull bridge: producers `push` without ever waiting, one consumer pulls with
 * `for await`. Used wherever events fan out to consumers that may be slow (pub/sub subscribers, the
 * gateway's per-client queues), so a slow consumer costs memory up to `capacity`, never time to others.
 *
 * Unlike an async generator, `return()` takes effect at once even while `next()` is waiting: graphql-ws
 * calls `return()` on complete/disconnect, and a generator parked on an `await` would ignore it until
 * the next event, which may never come, leaking the upstream subscription.
 */
export interface AsyncQueue<T> {
  /** Buffers or hands over `value`; false when the queue has ended or is full (see `onOverflow`). */
  push(value: T): boolean;
  /** Ends the stream after the buffered values; `error`, if any, is then thrown to the consumer. */
  end(error?: unknown): void;
  /** Values buffered and not yet pulled. */
  readonly size: number;
  readonly ended: boolean;
  readonly iterator: AsyncIterableIterator<T>;
}

export interface AsyncQueueOptions {
  /** Most values buffered for a consumer that is not pulling. */
  capacity: number;
  /** Called when a push finds the queue full; the value is dropped. */
  onOverflow?: () => void;
  /** Called once when the stream ends, by `end`, `return` or `throw`: release what feeds it here. */
  onClose?: () => void;
}

export function createAsyncQueue<T>(options: AsyncQueueOptions): AsyncQueue<T> {
  const buffer: T[] = [];
  let waiting: { resolve: (r: IteratorResult<T>) => void; reject: (e: unknown) => void } | undefined;
  let ended = false;
  let failure: { error: unknown } | undefined;

  const close = () => {
    if (ended) return;
    ended = true;
    options.onClose?.();
  };
  const finish = (): IteratorResult<T> => ({ done: true, value: undefined });

  const iterator: AsyncIterableIterator<T> = {
    next() {
      if (buffer.length > 0) return Promise.resolve({ done: false, value: buffer.shift() as T });
      if (failure) {
        const { error } = failure;
        failure = undefined;
        return Promise.reject(error);
      }
      if (ended) return Promise.resolve(finish());
      return new Promise((resolve, reject) => {
        waiting = { resolve, reject };
      });
    },
    return() {
      buffer.length = 0;
      failure = undefined;
      close();
      const pending = waiting;
      waiting = undefined;
      pending?.resolve(finish());
      return Promise.resolve(finish());
    },
    throw(error?: unknown) {
      void iterator.return?.();
      return Promise.reject(error);
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };

  return {
    push(value) {
      if (ended) return false;
      if (waiting) {
        const pending = waiting;
        waiting = undefined;
        pending.resolve({ done: false, value });
        return true;
      }
      if (buffer.length >= options.capacity) {
        options.onOverflow?.();
        return false;
      }
      buffer.push(value);
      return true;
    },
    end(error) {
      if (ended) return;
      close();
      if (error !== undefined) failure = { error };
      const pending = waiting;
      waiting = undefined;
      if (!pending) return;
      if (failure) {
        failure = undefined;
        pending.reject(error);
      } else pending.resolve(finish());
    },
    get size() {
      return buffer.length;
    },
    get ended() {
      return ended;
    },
    iterator,
  };
}
