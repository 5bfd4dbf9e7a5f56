/*
 * The rate limit shared by every relay instance through Redis. It takes a
 * client the operator created and connected with the official `redis`
 * package, so this package does not depend on Redis. One Lua script counts
 * and starts the window atomically: two instances never both see "first hit".
 */
import type { RateLimitHit, RateLimitStore } from './rate-limit-store.js';

/** The one method of a `redis` (node-redis v4/v5) client this store uses. */
export interface RedisEvalClient {
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
}

export interface RedisRateLimitStoreOptions {
  /** Prepended to every key (default `keen-lead-form:relay:`), so one Redis can serve other things too. */
  readonly prefix?: string;
}

// INCR keeps an existing TTL; a key without one (first hit, or left over
// from elsewhere) gets the window. Returns [count, milliseconds left].
const HIT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return { count, ttl }
`;

export class RedisRateLimitStore implements RateLimitStore {
  private readonly prefix: string;

  constructor(
    private readonly client: RedisEvalClient,
    { prefix = 'keen-lead-form:relay:' }: RedisRateLimitStoreOptions = {},
  ) {
    this.prefix = prefix;
  }

  async hit(key: string, windowMs: number): Promise<RateLimitHit> {
    const reply = await this.client.eval(HIT_SCRIPT, {
      keys: [this.prefix + key],
      arguments: [String(Math.max(1, Math.round(windowMs)))],
    });
    if (!Array.isArray(reply) || reply.length !== 2) throw new Error('Unexpected reply from Redis to the rate-limit script');
    return { count: Number(reply[0]), resetInMs: Number(reply[1]) };
  }
}
