import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

export type RedisScript = (
  redis: Redis,
  keys: string[],
  args: (string | number)[],
) => Promise<unknown>;

/**
 * A Lua script called by its SHA (EVALSHA) and sent whole only when Redis does not know it yet
 * (NOSCRIPT: first call, or after a restart or SCRIPT FLUSH). Sending its text with every call
 * cost more than running it: these scripts run once per marketplace request.
 */
export function redisScript(lua: string): RedisScript {
  const sha = createHash('sha1').update(lua).digest('hex');
  return async (redis, keys, args) => {
    try {
      return await redis.evalsha(sha, keys.length, ...keys, ...args);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      return redis.eval(lua, keys.length, ...keys, ...args);
    }
  };
}
