import { type Push, Repeater, type RepeaterBuffer, type Stop } from '@repeaterjs/repeater';

/**
 * A Repeater that reports its consumer leaving (`return`, `throw`) even before the first `next()`
 * started its executor: a Repeater never run would otherwise never release what feeds it.
 */
export class ClosingRepeater<T> extends Repeater<T> {
  constructor(
    executor: (push: Push<T>, stop: Stop) => Promise<void>,
    buffer: RepeaterBuffer | undefined,
    private readonly onLeave: () => void,
  ) {
    super(executor, buffer);
  }
  override return(value?: unknown) {
    this.onLeave();
    return super.return(value);
  }
  override throw(error: unknown) {
    this.onLeave();
    return super.throw(error);
  }
}

/** What `mapEvents`' function returns for an event that is not passed on. */
export const SKIP: unique symbol = Symbol('skip');

/**
 * The events of `source` through `map` (which may `SKIP` one), as a Repeater: the consumer's
 * `return()` ends a pending `next()` at once and returns the source, so a client that leaves a quiet
 * topic releases its subscription now rather than at the next event, which may never come. Each event
 * is mapped only when the consumer asks for one (no read-ahead).
 */
export function mapEvents<T, U>(
  source: AsyncIterator<T>,
  map: (event: T) => Promise<U | typeof SKIP>,
): AsyncIterableIterator<U> {
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    void Promise.resolve(source.return?.()).catch(() => undefined);
  };
  return new ClosingRepeater<U>(
    async (push, stop) => {
      void stop.then(release);
      try {
        for (;;) {
          const result = await source.next();
          if (result.done || released) break;
          const value = await map(result.value);
          if (value !== SKIP) await push(value);
        }
        stop();
      } catch (error) {
        stop(error);
      }
      release();
    },
    undefined,
    release,
  );
}
