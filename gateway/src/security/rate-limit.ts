import type { Logger } from '@freightgraph/platform';
import { GraphQLError } from 'graphql';
import { Redis } from 'ioredis';

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

const decide = (tokens: number, options: RateLimitOptions): Decision =>
  tokens >= 1
    ? { allowed: true, retryAfterSeconds: 0 }
    : { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / options.perSecond)) };

/** One token bucket per key in this process; idle full buckets are dropped so memory stays bounded. */
export function memoryRateLimiter(options: RateLimitOptions, now = () => Date.now()): RateLimiter {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const fullAfterMs = (options.burst / options.perSecond) * 1000;
  return {
    async take(key) {
      const t = now();
      if (buckets.size > 100_000) {
        for (const [k, b] of buckets) if (t - b.at > fullAfterMs) buckets.delete(k);
      }
      const bucket = buckets.get(key) ?? { tokens: options.burst, at: t };
      const tokens = Math.min(options.burst, bucket.tokens + ((t - bucket.at) / 1000) * options.perSecond);
      const decision = decide(tokens, options);
      buckets.set(key, { tokens: decision.allowed ? tokens - 1 : tokens, at: t });
      return decision;
    },
    async close() {},
  };
}

// The same bucket in Redis, refilled and taken in one atomic script so instances share it exactly.
// Redis' own clock (TIME) is used, so gateway clocks that disagree cannot mint tokens.
const TAKE = `
local burst = tonumber(ARGV[1])
local rate = tonumber(ARGV[2])
local t = redis.call('TIME')
local now = t[1] * 1000 + math.floor(t[2] / 1000)
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1]) or burst
local at = tonumber(state[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - at) / 1000 * rate)
local allowed = 0
if tokens >= 1 then
  tokens = tokens - 1
  allowed = 1
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', now)
redis.call('PEXPIRE', KEYS[1], math.ceil(burst / rate * 1000) + 1000)
return { allowed, tostring(tokens) }
`;

type TakeCommand = (key: string, burst: number, perSecond: number) => Promise<[number, string]>;

/**
 * Token buckets in Redis, shared by every gateway instance. When Redis fails, each instance falls back
 * to its own in-memory buckets (logged) rather than refusing all traffic or letting all of it through.
 */
export function redisRateLimiter(url: string, options: RateLimitOptions, logger: Logger): RateLimiter {
  const redis = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 1, enableOfflineQueue: false });
  redis.on('error', (error) => logger.warn({ err: error }, 'rate limiter: redis error'));
  redis.defineCommand('fgTakeToken', { numberOfKeys: 1, lua: TAKE });
  const take = (redis as unknown as { fgTakeToken: TakeCommand }).fgTakeToken.bind(redis);
  const fallback = memoryRateLimiter(options);
  return {
    async take(key) {
      try {
        const [allowed, tokens] = await take(`freightgraph:rate:${key}`, options.burst, options.perSecond);
        return allowed === 1 ? { allowed: true, retryAfterSeconds: 0 } : decide(Number(tokens), options);
      } catch (error) {
        logger.warn({ err: error }, 'rate limiter: redis unavailable, limiting per instance');
        return fallback.take(key);
      }
    },
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
