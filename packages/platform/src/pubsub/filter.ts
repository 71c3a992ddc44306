import { mapEvents, SKIP } from '../streams';

/** Events of `source` for which `keep` resolves true: per-event authorization of a subscription. */
export function filterEvents<T>(
  source: AsyncIterableIterator<T>,
  keep: (event: T) => Promise<boolean>,
): AsyncIterableIterator<T> {
  return mapEvents(source, async (event) => ((await keep(event)) ? event : SKIP));
}
