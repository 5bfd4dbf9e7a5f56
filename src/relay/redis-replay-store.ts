/*
 * Used proof-of-work solutions shared by every relay instance through Redis,
 * with the same client as RedisRateLimitStore. SET NX PX marks and expires in
 * one atomic step, so two instances never both accept one solution.
 */
import type { RedisEvalClient } from './redis-rate-limit-store.js';
import type { ReplayStore } from './replay-store.js';

export interface RedisReplayStoreOptions {
  /** Prepended to every key (default `keen-lead-form:relay:used:`). */
  readonly prefix?: string;
}

const MARK_SCRIPT = `
if redis.call('SET', KEYS[1], '1', 'NX', 'PX', ARGV[1]) then return 1 end
return 0
`;

export class RedisReplayStore implements ReplayStore {
  private readonly prefix: string;

  constructor(
    private readonly client: RedisEvalClient,
    { prefix = 'keen-lead-form:relay:used:' }: RedisReplayStoreOptions = {},
  ) {
    this.prefix = prefix;
  }

  async markUsed(key: string, ttlMs: number): Promise<boolean> {
    const reply = await this.client.eval(MARK_SCRIPT, {
      keys: [this.prefix + key],
      arguments: [String(Math.max(1, Math.round(ttlMs)))],
    });
    if (reply !== 0 && reply !== 1) throw new Error('Unexpected reply from Redis to the replay script');
    return reply === 1;
  }
}
