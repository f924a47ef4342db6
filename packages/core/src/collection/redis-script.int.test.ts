import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { testCacheKinds, testKeyPrefix, testRedisUrl } from '../testing';
import { redisScript } from './redis-script';

const redis = testCacheKinds().includes('redis') ? new Redis(testRedisUrl()) : null;
afterAll(() => redis?.disconnect());

describe.runIf(redis)('redisScript', () => {
  it('sends the script once, then calls it by its SHA', async () => {
    const client = redis as Redis;
    // A script this Redis has never seen: the first call meets NOSCRIPT.
    const lua = `-- ${randomBytes(8).toString('hex')}\nreturn redis.call('INCRBY', KEYS[1], ARGV[1])`;
    const incr = redisScript(lua);
    const key = `${testKeyPrefix()}counter`;
    const sent: string[] = [];
    const monitor = await client.monitor();
    monitor.on('monitor', (_time: string, args: string[]) => {
      if (args[2] === '1' && args[3] === key) sent.push(String(args[0]).toLowerCase());
    });
    expect(await incr(client, [key], [2])).toBe(2);
    expect(await incr(client, [key], [3])).toBe(5);
    await new Promise((r) => setTimeout(r, 100));
    monitor.disconnect();
    await client.del(key);
    expect(sent).toEqual(['evalsha', 'eval', 'evalsha']);
  });

  it('passes the script’s own errors through', async () => {
    const fail = redisScript(`return redis.error_reply('nope ${randomBytes(4).toString('hex')}')`);
    await expect(fail(redis as Redis, [], [])).rejects.toThrow(/nope/);
  });
});
