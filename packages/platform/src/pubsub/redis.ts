import { Redis } from 'ioredis';
import type { Logger } from '../logger';
import { createLocalBus } from './local-bus';
import { DEFAULT_SUBSCRIBER_CAPACITY, type PubSub } from './types';

export interface RedisPubSubOptions {
  url: string;
  logger: Logger;
  /** Channel prefix, so several graphs can share one Redis. */
  prefix?: string;
  capacity?: number;
}

/**
 * Pub/sub across processes over Redis channels: an event committed by any instance of a service reaches
 * subscribers connected through any other. Two connections per process (a subscribing connection can
 * run no other command); each channel is subscribed once per process, however many local subscribers
 * it has, and unsubscribed when the last one leaves. ioredis reconnects and resubscribes by itself;
 * events published while a connection is down are lost, as Redis pub/sub is fire-and-forget.
 */
export async function createRedisPubSub(options: RedisPubSubOptions): Promise<PubSub> {
  const prefix = options.prefix ?? 'freightgraph:';
  const { logger } = options;
  const connect = (role: string) => {
    const redis = new Redis(options.url, {
      lazyConnect: true,
      // A publish after a commit must not hang the mutation while Redis is away.
      maxRetriesPerRequest: 2,
      connectionName: `freightgraph-${role}`,
    });
    redis.on('error', (error) => logger.warn({ err: error, role }, 'redis connection error'));
    return redis;
  };
  const publisher = connect('publisher');
  const subscriber = connect('subscriber');
  await Promise.all([publisher.connect(), subscriber.connect()]);

  const bus = createLocalBus(options.capacity ?? DEFAULT_SUBSCRIBER_CAPACITY, {
    firstSubscriber: async (topic) => {
      await subscriber.subscribe(prefix + topic);
    },
    lastSubscriberLeft: (topic) => {
      subscriber.unsubscribe(prefix + topic).catch((error: unknown) => {
        logger.warn({ err: error, topic }, 'redis unsubscribe failed');
      });
    },
  });
  subscriber.on('message', (channel: string, message: string) => {
    if (channel.startsWith(prefix)) bus.deliver(channel.slice(prefix.length), message);
  });
  logger.info({ prefix }, 'pub/sub on redis');

  return {
    kind: 'redis',
    async publish(topic, payload) {
      await publisher.publish(prefix + topic, JSON.stringify(payload));
    },
    subscribe: (topics) => bus.subscribe(topics),
    subscriberCount: bus.subscriberCount,
    async close() {
      await Promise.allSettled([publisher.quit(), subscriber.quit()]);
    },
  };
}
