import { createLocalBus } from './local-bus';
import { DEFAULT_SUBSCRIBER_CAPACITY, type PubSub } from './types';

/** The default: publishers and subscribers in one process (one instance of each service). */
export function createMemoryPubSub(capacity = DEFAULT_SUBSCRIBER_CAPACITY): PubSub {
  const bus = createLocalBus(capacity);
  return {
    kind: 'memory',
    async publish(topic, payload) {
      bus.deliver(topic, JSON.stringify(payload));
    },
    subscribe: (topics) => bus.subscribe(topics),
    subscriberCount: bus.subscriberCount,
    async close() {},
  };
}
