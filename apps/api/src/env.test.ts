import { describe, expect, it } from 'vitest';
import { loadEnv } from './env';

describe('loadEnv', () => {
  it('defaults to the embedded mode on port 4000', () => {
    const env = loadEnv({});
    expect(env).toMatchObject({ API_PORT: 4000, DATA_DIR: expect.stringMatching(/\/\.data$/) });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.REDIS_URL).toBeUndefined();
  });

  it('names the variable that is wrong', () => {
    expect(() => loadEnv({ API_PORT: 'eighty' })).toThrow(/API_PORT/);
    expect(() => loadEnv({ DATABASE_URL: 'mysql://localhost/db' })).toThrow(/DATABASE_URL/);
    expect(() => loadEnv({ REDIS_URL: 'not a url' })).toThrow(/REDIS_URL/);
  });

  it('reads collection rate limits as JSON and names the variable when they are wrong', () => {
    expect(
      loadEnv({ COLLECT_RATE_LIMITS: '{"etsy":{"perSecond":2,"burst":4}}' }).COLLECT_RATE_LIMITS,
    ).toEqual({
      etsy: { perSecond: 2, burst: 4 },
    });
    expect(() => loadEnv({ COLLECT_RATE_LIMITS: '{"etsy":5}' })).toThrow(/COLLECT_RATE_LIMITS/);
    expect(() => loadEnv({ COLLECT_RATE_LIMITS: 'fast please' })).toThrow(/COLLECT_RATE_LIMITS/);
  });

  it('treats an empty variable as unset', () => {
    expect(loadEnv({ DATABASE_URL: '' }).DATABASE_URL).toBeUndefined();
  });
});
