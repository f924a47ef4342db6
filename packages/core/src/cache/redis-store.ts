import { Redis } from 'ioredis';
import { inSpan, SpanKind } from '../observability/tracing';
import type { CacheStore } from './cache';

/** A client span per Redis command (no key: keys can name users' API keys). */
const traced = <T>(operation: string, command: () => Promise<T>) =>
  inSpan(
    `redis ${operation}`,
    { 'db.system': 'redis', 'db.operation': operation },
    command,
    SpanKind.CLIENT,
  );

/**
 * Redis store. Commands fail fast while Redis is unreachable (no offline queue), so callers
 * fall back to the database instead of waiting; ioredis keeps reconnecting in the background.
 */
export type RedisStore = CacheStore & {
  /**
   * Publishes on a pub/sub channel (named in full: the key prefix is not applied) over the same
   * connection as the writes, so that a message sent after a write that succeeded leaves after it.
   */
  publish(channel: string, message: string): Promise<void>;
};

export function createRedisStore(url: string, keyPrefix: string): RedisStore {
  const redis = new Redis(url, {
    keyPrefix,
    // Commands of concurrent requests issued in one tick go out in one write (fewer syscalls).
    enableAutoPipelining: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 3_000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
  });
  // Connection errors surface through failed commands; without a listener ioredis logs them.
  redis.on('error', () => {});
  // Commands sent before the first connection attempt has settled wait for it; after that,
  // while Redis is down, they fail at once.
  let settled = false;
  const firstAttempt = new Promise<void>((resolve) => {
    const done = () => {
      settled = true;
      resolve();
    };
    redis.once('ready', done);
    redis.once('error', done);
  });
  const whenReady = <T>(command: () => Promise<T>) =>
    settled ? command() : firstAttempt.then(command);

  return {
    kind: 'redis',
    get: async (key) => (await traced('GET', () => whenReady(() => redis.get(key)))) ?? undefined,
    set: async (key, value, ttlSeconds) => {
      await traced('SET', () =>
        whenReady(() => redis.set(key, value, 'EX', Math.max(1, Math.ceil(ttlSeconds)))),
      );
    },
    delete: async (key) => {
      await traced('DEL', () => whenReady(() => redis.del(key)));
    },
    publish: async (channel, message) => {
      await whenReady(() => redis.publish(channel, message));
    },
    ping: async () => {
      await whenReady(() => redis.ping());
    },
    close: async () => {
      redis.disconnect();
    },
  };
}
