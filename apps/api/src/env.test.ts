import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { loadEnv } from './env';
import { loadProcessEnv } from './process-env';

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

  it('runs one API process unless told otherwise, several only on PostgreSQL and Redis', () => {
    expect(loadEnv({}).API_WORKERS).toBe(1);
    const servers = { DATABASE_URL: 'postgres://db/app', REDIS_URL: 'redis://cache:6379' };
    expect(loadEnv({ ...servers, API_WORKERS: '3' }).API_WORKERS).toBe(3);
    expect(loadEnv({ ...servers, API_WORKERS: 'auto' }).API_WORKERS).toBe(availableParallelism());
    expect(() => loadEnv({ ...servers, API_WORKERS: '0' })).toThrow(/API_WORKERS/);
    expect(() => loadEnv({ ...servers, API_WORKERS: 'many' })).toThrow(
      /API_WORKERS: must be a whole number from 1 to 64, or auto/,
    );
    // The entry reads it alone, before it loads the API (a primary loads nothing else).
    expect(loadProcessEnv({ API_WORKERS: 'auto' }).API_WORKERS).toBe(availableParallelism());
    expect(() => loadProcessEnv({ API_WORKERS: '65' })).toThrow(/API_WORKERS/);
    expect(() => loadProcessEnv({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
    expect(() => loadEnv({ DATABASE_URL: servers.DATABASE_URL, API_WORKERS: '2' })).toThrow(
      /API_WORKERS: more than one API process needs DATABASE_URL and REDIS_URL/,
    );
  });

  it('takes a read replica only with its primary', () => {
    expect(() => loadEnv({ DATABASE_READ_URL: 'postgres://replica/db' })).toThrow(
      /DATABASE_READ_URL: a read replica needs its primary in DATABASE_URL/,
    );
    expect(() => loadEnv({ DATABASE_READ_URL: 'http://replica/db' })).toThrow(/DATABASE_READ_URL/);
    expect(
      loadEnv({ DATABASE_URL: 'postgres://primary/db', DATABASE_READ_URL: 'postgres://replica/db' })
        .DATABASE_READ_URL,
    ).toBe('postgres://replica/db');
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

  it('needs AUTH_SECRET and ENCRYPTION_KEYS in production, naming both', () => {
    expect(() => loadEnv({ NODE_ENV: 'production' })).toThrow(
      /AUTH_SECRET: required in production[\s\S]*ENCRYPTION_KEYS: required in production/,
    );
    const env = loadEnv({
      NODE_ENV: 'production',
      AUTH_SECRET: 'x'.repeat(40),
      ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 1).toString('base64')}`,
    });
    expect(env.AUTH_SECRET).toBe('x'.repeat(40));
  });

  it('names the account and billing variables that are wrong', () => {
    expect(() => loadEnv({ AUTH_SECRET: 'short' })).toThrow(/AUTH_SECRET: must be at least 32/);
    expect(() => loadEnv({ ENCRYPTION_KEYS: 'k1:c2hvcnQ=' })).toThrow(/ENCRYPTION_KEYS/);
    expect(() => loadEnv({ STRIPE_SECRET_KEY: 'pk_live_x' })).toThrow(/STRIPE_SECRET_KEY/);
    expect(() => loadEnv({ SMTP_URL: 'http://mail.example.com' })).toThrow(/SMTP_URL/);
    expect(loadEnv({ TRUST_PROXY: 'loopback,10.0.0.0/8' }).TRUST_PROXY).toEqual([
      'loopback',
      '10.0.0.0/8',
    ]);
  });
});
