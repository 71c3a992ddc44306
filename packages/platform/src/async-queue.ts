import type { Push, RepeaterBuffer, Stop } from '@repeaterjs/repeater';
import { ClosingRepeater } from './streams';

/**
 * A bounded push-to-pull bridge: producers `push` without ever waiting, one consumer pulls with
 * `for await`. Used wherever events fan out to consumers that may be slow (pub/sub subscribers, the
 * gateway's per-client queues), so a slow consumer costs memory up to `capacity`, never time to others.
 *
 * The iterator is a `@repeaterjs/repeater` Repeater, whose `return()` takes effect at once even while
 * `next()` is waiting: graphql-ws calls `return()` on complete/disconnect, and a generator parked on an
 * `await` would ignore it until the next event, which may never come, leaking the upstream subscription.
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

/** A Repeater buffer that can say how full it is (the library's own ones do not). */
class CountingBuffer implements RepeaterBuffer {
  private readonly items: unknown[] = [];
  constructor(private readonly capacity: number) {}
  get empty() {
    return this.items.length === 0;
  }
  get full() {
    return this.items.length >= this.capacity;
  }
  get length() {
    return this.items.length;
  }
  add(value: unknown) {
    this.items.push(value);
  }
  remove() {
    return this.items.shift();
  }
}

/** A push's promise rejects with the error the queue ends with, which the consumer gets already. */
const settle = (pushed: Promise<unknown>) => void pushed.catch(() => undefined);

export function createAsyncQueue<T>(options: AsyncQueueOptions): AsyncQueue<T> {
  const buffer = new CountingBuffer(options.capacity);
  // A Repeater runs its executor at the first `next()`; what is pushed before waits here, in order.
  let early: T[] = [];
  let push: Push<T> | undefined;
  let stop: Stop | undefined;
  let ending: { error: unknown } | undefined;
  let ended = false;

  const close = () => {
    if (ended) return;
    ended = true;
    options.onClose?.();
  };
  const iterator = new ClosingRepeater<T>(
    async (p, s) => {
      push = p;
      stop = s;
      for (const value of early) settle(p(value));
      early = [];
      if (ending) s(ending.error);
      await s;
      close();
    },
    buffer,
    close,
  );

  return {
    push(value) {
      if (ended) return false;
      if ((push ? buffer.length : early.length) >= options.capacity) {
        options.onOverflow?.();
        return false;
      }
      if (push) settle(push(value));
      else early.push(value);
      return true;
    },
    end(error) {
      if (ended) return;
      close();
      if (stop) stop(error);
      else ending = { error };
    },
    get size() {
      return push ? buffer.length : early.length;
    },
    get ended() {
      return ended;
    },
    iterator,
  };
}
