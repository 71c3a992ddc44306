import { afterAll, describe, expect, it } from 'vitest';
import { testLogger } from '../testing';
import { createMemoryPubSub } from './memory';
import { createRedisPubSub } from './redis';
import { type PubSub, SubscriberOverflowError } from './types';

// Set by CI (`.ci/run`) for the Redis run; without it the Redis half is skipped, saying so.
const redisUrl = process.env.REDIS_URL;
const opened: PubSub[] = [];
afterAll(() => Promise.all(opened.map((pubsub) => pubsub.close())));

const next = async (iterator: AsyncIterator<unknown>) => (await iterator.next()).value;

function behaves(name: string, open: () => Promise<PubSub>) {
  describe(name, () => {
    it('delivers JSON payloads to every subscriber of a topic, and only of that topic', async () => {
      const pubsub = await open();
      const a = await pubsub.subscribe(['shipment:1']);
      const b = await pubsub.subscribe(['shipment:1', 'order:9']);
      const other = await pubsub.subscribe(['shipment:2']);
      await pubsub.publish('shipment:1', { at: new Date('2026-01-01T00:00:00Z'), n: 1 });
      await pubsub.publish('order:9', { n: 2 });
      expect(await next(a)).toEqual({ at: '2026-01-01T00:00:00.000Z', n: 1 });
      expect(await next(b)).toEqual({ at: '2026-01-01T00:00:00.000Z', n: 1 });
      expect(await next(b)).toEqual({ n: 2 });
      await pubsub.publish('shipment:2', { n: 3 });
      expect(await next(other)).toEqual({ n: 3 });
      expect(pubsub.subscriberCount()).toBe(3);
      await Promise.all([a, b, other].map((iterator) => iterator.return?.()));
      expect(pubsub.subscriberCount()).toBe(0);
    });

    it('ends a subscriber that falls too far behind without holding up the others', async () => {
      const pubsub = await open();
      const slow = await pubsub.subscribe(['busy']);
      const fast = await pubsub.subscribe(['busy']);
      const received: unknown[] = [];
      const reading = (async () => {
        for await (const value of fast) {
          received.push(value);
          if (received.length === 1_500) break;
        }
      })();
      // Events arrive from I/O, so the fast reader gets turns between them (here: every 100 events).
      for (let n = 0; n < 1_500; n++) {
        await pubsub.publish('busy', n);
        if (n % 100 === 99) await new Promise((resolve) => setImmediate(resolve));
      }
      await reading;
      expect(received).toHaveLength(1_500);
      let delivered = 0;
      await expect(
        (async () => {
          for await (const _ of slow) delivered++;
        })(),
      ).rejects.toBeInstanceOf(SubscriberOverflowError);
      expect(delivered).toBe(1_000);
      expect(pubsub.subscriberCount()).toBe(0);
    });
  });
}

behaves('in-process pub/sub', async () => createMemoryPubSub());

describe.skipIf(!redisUrl)(
  `Redis pub/sub (${redisUrl ? 'REDIS_URL' : 'skipped: REDIS_URL is not set'})`,
  () => {
    const openRedis = async () => {
      const pubsub = await createRedisPubSub({
        url: redisUrl!,
        logger: testLogger,
        prefix: `test:${process.pid}:`,
      });
      opened.push(pubsub);
      return pubsub;
    };
    behaves('the shared behaviour', openRedis);

    it('carries an event from one instance to a subscriber of another', async () => {
      const [one, two] = await Promise.all([openRedis(), openRedis()]);
      const subscription = await two.subscribe(['tracking']);
      await one.publish('tracking', { id: 'e1' });
      expect(await next(subscription)).toEqual({ id: 'e1' });
      await subscription.return?.();
    });
  },
);
