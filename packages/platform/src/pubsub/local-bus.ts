import { createAsyncQueue } from '../async-queue';
import { SubscriberOverflowError } from './types';

type Listener = (message: string) => void;

export interface LocalBusHooks {
  /** The first subscriber in this process for `topic` arrived (Redis subscribes its channel here). */
  firstSubscriber?(topic: string): Promise<void>;
  /** The last one left. */
  lastSubscriberLeft?(topic: string): void;
}

/**
 * The in-process half of every pub/sub: topic → listeners, each subscriber with its own bounded queue,
 * so one slow subscriber neither blocks nor delays the others. Messages are JSON text, parsed once per
 * subscriber so no two subscribers share (and could mutate) one object.
 */
export function createLocalBus(capacity: number, hooks: LocalBusHooks = {}) {
  // `ready` settles once the first subscriber's hook (a Redis SUBSCRIBE) has: later ones wait for it too.
  const topics = new Map<string, { listeners: Set<Listener>; ready: Promise<void> }>();
  let subscribers = 0;

  const remove = (topic: string, listener: Listener) => {
    const listeners = topics.get(topic)?.listeners;
    if (!listeners?.delete(listener) || listeners.size > 0) return;
    topics.delete(topic);
    hooks.lastSubscriberLeft?.(topic);
  };

  return {
    deliver(topic: string, message: string): void {
      const listeners = topics.get(topic)?.listeners;
      if (!listeners) return;
      // A copy: a listener that overflows removes itself while we iterate.
      for (const listener of [...listeners]) listener(message);
    },

    async subscribe(wanted: readonly string[]): Promise<AsyncIterableIterator<unknown>> {
      const unique = [...new Set(wanted)];
      const queue = createAsyncQueue<unknown>({
        capacity,
        onOverflow: () =>
          queue.end(new SubscriberOverflowError(`subscriber fell more than ${capacity} events behind`)),
        onClose: () => {
          subscribers--;
          for (const topic of unique) remove(topic, listener);
        },
      });
      const listener: Listener = (message) => void queue.push(JSON.parse(message));
      subscribers++;
      const ready: Promise<void>[] = [];
      for (const topic of unique) {
        let entry = topics.get(topic);
        if (!entry) {
          entry = { listeners: new Set(), ready: hooks.firstSubscriber?.(topic) ?? Promise.resolve() };
          topics.set(topic, entry);
        }
        entry.listeners.add(listener);
        ready.push(entry.ready);
      }
      try {
        await Promise.all(ready);
      } catch (error) {
        await queue.iterator.return?.();
        throw error;
      }
      return queue.iterator;
    },

    subscriberCount: () => subscribers,
    topicCount: () => topics.size,
  };
}
