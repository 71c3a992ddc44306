/**
 * Topic-based publish/subscribe between the service that commits a change and the services that stream
 * it to subscribers. Payloads travel as JSON in every implementation, the in-process one included, so
 * code that works on the default works unchanged on Redis (a `Date` arrives as its ISO string).
 */
export interface PubSub {
  /** Which implementation runs, for logs and health: `memory` or `redis`. */
  readonly kind: 'memory' | 'redis';
  /**
   * Delivers `payload` to every current subscriber of `topic`, in this process or (Redis) any other.
   * Call it after the transaction that produced the event has committed.
   */
  publish(topic: string, payload: unknown): Promise<void>;
  /**
   * Events published on any of `topics` from the moment this resolves (for Redis: once the server has
   * confirmed the subscription). `return()` on the iterator unsubscribes.
   */
  subscribe(topics: readonly string[]): Promise<AsyncIterableIterator<unknown>>;
  /** Live subscriptions in this process, for `/metrics` and the leak tests. */
  subscriberCount(): number;
  close(): Promise<void>;
}

/** Events a subscriber may fall behind by before its subscription ends with `SubscriberOverflowError`. */
export const DEFAULT_SUBSCRIBER_CAPACITY = 1_000;

export class SubscriberOverflowError extends Error {
  override name = 'SubscriberOverflowError';
}
