import type { Logger } from '../logger';
import { createMemoryPubSub } from './memory';
import { createRedisPubSub } from './redis';
import type { PubSub } from './types';

export { filterEvents } from './filter';
export { createMemoryPubSub } from './memory';
export { createRedisPubSub } from './redis';
export { DEFAULT_SUBSCRIBER_CAPACITY, type PubSub, SubscriberOverflowError } from './types';

/** Redis when `redisUrl` is set (several instances), otherwise in-process (one instance). */
export async function openPubSub(options: { redisUrl: string | undefined; logger: Logger }): Promise<PubSub> {
  if (!options.redisUrl) return createMemoryPubSub();
  return createRedisPubSub({ url: options.redisUrl, logger: options.logger });
}
