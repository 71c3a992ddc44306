import type { Logger } from '@freightgraph/platform';
import { GraphQLError } from 'graphql';
import { Redis } from 'ioredis';
import {
  BurstyRateLimiter,
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
} from 'rate-limiter-flexible';

export interface RateLimitOptions {
  /** Bucket capacity: the burst a client may send at once. */
  burst: number;
  /** Tokens added back per second: the sustained rate. */
  perSecond: number;
}

export interface Decision {
  allowed: boolean;
  /** Whole seconds until one token is back (0 when allowed). */
  retryAfterSeconds: number;
}

export interface RateLimiter {
  take(key: string): Promise<Decision>;
  close(): Promise<void>;
}

/**
 * rate-limiter-flexible's bursty limiter: `perSecond` points in each second, and once those are spent
 * up to `burst - perSecond` more from a burst allowance that comes back over `burst / perSecond`
 * seconds, the library's way to let a client burst above its sustained rate.
 */
function bursty(
  options: RateLimitOptions,
  make: (points: number, duration: number, prefix: string) => RateLimiterAbstract,
) {
  const sustained = make(options.perSecond, 1, 'rate');
  const extra = options.burst - options.perSecond;
  return extra > 0
    ? new BurstyRateLimiter(sustained, make(extra, Math.ceil(options.burst / options.perSecond), 'burst'))
    : sustained;
}

function limiterOf(consumer: { consume(key: string): Promise<RateLimiterRes> }): RateLimiter['take'] {
  return async (key) => {
    try {
      await consumer.consume(key);
      return { allowed: true, retryAfterSeconds: 0 };
    } catch (refusal) {
      // A refusal rejects with the limiter's answer; anything else is the store failing.
      if (!(refusal instanceof RateLimiterRes)) throw refusal;
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(refusal.msBeforeNext / 1000)) };
    }
  };
}

/** Limits per key in this process (rate-limiter-flexible's memory store, which expires idle keys). */
export function memoryRateLimiter(options: RateLimitOptions): RateLimiter {
  const limiter = bursty(
    options,
    (points, duration, prefix) => new RateLimiterMemory({ points, duration, keyPrefix: prefix }),
  );
  return { take: limiterOf(limiter), async close() {} };
}

/**
 * Limits in Redis, shared by every gateway instance (rate-limiter-flexible's atomic Redis store). When
 * Redis fails, each instance falls back to its in-memory insurance limiter rather than refusing all
 * traffic or letting all of it through.
 */
export function redisRateLimiter(url: string, options: RateLimitOptions, logger: Logger): RateLimiter {
  // No offline queue: a request must not wait for Redis to come back, the insurance limiter answers.
  const redis = new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: false });
  let degraded = false;
  redis.on('error', (error) => {
    if (!degraded) logger.warn({ err: error }, 'rate limiter: redis unavailable, limiting per instance');
    degraded = true;
  });
  redis.on('ready', () => {
    degraded = false;
  });
  const limiter = bursty(
    options,
    (points, duration, prefix) =>
      new RateLimiterRedis({
        storeClient: redis,
        points,
        duration,
        keyPrefix: `freightgraph:${prefix}`,
        insuranceLimiter: new RateLimiterMemory({ points, duration, keyPrefix: `insurance:${prefix}` }),
      }),
  );
  return {
    take: limiterOf(limiter),
    async close() {
      redis.disconnect();
    },
  };
}

export function createRateLimiter(
  config: { REDIS_URL?: string | undefined; RATE_LIMIT_BURST: number; RATE_LIMIT_PER_SECOND: number },
  logger: Logger,
): RateLimiter {
  const options = { burst: config.RATE_LIMIT_BURST, perSecond: config.RATE_LIMIT_PER_SECOND };
  return config.REDIS_URL ? redisRateLimiter(config.REDIS_URL, options, logger) : memoryRateLimiter(options);
}

/** 429 with `Retry-After`: the client should wait that many seconds. */
export function rateLimited(retryAfterSeconds: number): GraphQLError {
  return new GraphQLError(`Too many requests; retry after ${retryAfterSeconds} s`, {
    extensions: {
      code: 'RATE_LIMITED',
      retryAfterSeconds,
      http: { status: 429, headers: new Map([['retry-after', String(retryAfterSeconds)]]) },
    },
  });
}
