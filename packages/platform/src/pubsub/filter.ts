/**
 * Events of `source` for which `keep` resolves true: per-event authorization of a subscription. A plain
 * async generator would not do: its `return()` waits for a pending `next()`, so a client that leaves a
 * quiet topic would keep its subscription until the next event. Here `return()` goes straight to the
 * source, which ends at once.
 */
export function filterEvents<T>(
  source: AsyncIterableIterator<T>,
  keep: (event: T) => Promise<boolean>,
): AsyncIterableIterator<T> {
  const iterator: AsyncIterableIterator<T> = {
    async next() {
      for (;;) {
        const result = await source.next();
        if (result.done || (await keep(result.value))) return result;
      }
    },
    async return() {
      await source.return?.();
      return { done: true, value: undefined };
    },
    async throw(error?: unknown) {
      await source.return?.();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}
