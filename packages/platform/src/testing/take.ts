/** Takes `n` items off a stream, ending it after `timeoutMs` rather than waiting forever. */
export async function take<T>(source: AsyncIterableIterator<T>, n: number, timeoutMs = 5_000): Promise<T[]> {
  const taken: T[] = [];
  const deadline = setTimeout(() => void source.return?.(), timeoutMs);
  try {
    while (taken.length < n) {
      const next = await source.next();
      if (next.done) break;
      taken.push(next.value);
    }
  } finally {
    clearTimeout(deadline);
  }
  return taken;
}
