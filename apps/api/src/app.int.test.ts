import { createInProcessRunner, seedDemo } from '@digitallz/core';
import { createTestCache, testCacheKinds } from '@digitallz/core/testing';
import { createDb, type DbHandle } from '@digitallz/db';
import { createTestDb, testDbKinds } from '@digitallz/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from './app';

const asOf = new Date('2026-11-24T12:00:00Z');
const cacheKind = testCacheKinds().at(-1) ?? 'memory';

describe.each(testDbKinds())('API on %s', (kind) => {
  let database: DbHandle;
  let app: App;

  beforeAll(async () => {
    database = await createTestDb(kind);
    await seedDemo({ db: database.db, asOf, keywords: 400 });
    const cache = createTestCache(cacheKind);
    const jobs = createInProcessRunner({ deps: { db: database.db, cache, clock: () => asOf } });
    app = await buildApp({ database, cache, jobs });
  });
  afterAll(async () => {
    await app.close();
    await app.deps.cache.close();
    await database.close();
  });

  const get = (url: string) => app.inject({ method: 'GET', url });

  it('answers /health and /ready', async () => {
    expect((await get('/health')).json()).toEqual({ status: 'ok' });
    const ready = await get('/ready');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready', checks: { database: 'up', cache: 'up' } });
  });

  it('searches keywords with the documented shape and a request id', async () => {
    const res = await get('/api/v1/keywords/search?q=wedding&platform=etsy&limit=5');
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-request-id']).toBeTruthy();
    const body = res.json();
    expect(body.data).toHaveLength(5);
    expect(body.data[0]).toMatchObject({
      keyword: expect.stringContaining('wedding'),
      platform: 'etsy',
      searchVolume: expect.any(Number),
      competition: expect.any(Number),
      cpc: expect.any(Number),
      lastUpdated: expect.any(String),
      isDemo: true,
    });
    expect(typeof body.nextCursor).toBe('string');
    const next = await get(
      `/api/v1/keywords/search?q=wedding&platform=etsy&limit=5&cursor=${body.nextCursor}`,
    );
    expect(next.statusCode).toBe(200);
    const ids = new Set(body.data.map((k: { id: string }) => k.id));
    expect(next.json().data.some((k: { id: string }) => ids.has(k.id))).toBe(false);
  });

  it('keeps a valid incoming request id', async () => {
    const res = await app.inject({ url: '/health', headers: { 'x-request-id': 'abc-123' } });
    expect(res.headers['x-request-id']).toBe('abc-123');
  });

  it('rejects an unknown platform, listing the allowed values', async () => {
    const res = await get('/api/v1/keywords/search?q=wedding&platform=walmart');
    expect(res.statusCode).toBe(400);
    const { error } = res.json();
    expect(error.code).toBe('VALIDATION_FAILED');
    for (const platform of ['amazon', 'etsy', 'ebay']) expect(error.message).toContain(platform);
  });

  it.each([
    ['an empty q', '/api/v1/keywords/search?q=&platform=etsy'],
    ['a blank q', '/api/v1/keywords/search?q=%20%20&platform=etsy'],
    ['a missing q', '/api/v1/keywords/search?platform=etsy'],
    ['a q over 200 characters', `/api/v1/keywords/search?q=${'a'.repeat(201)}&platform=etsy`],
    ['a bad cursor', '/api/v1/keywords/search?q=wedding&platform=etsy&cursor=garbage'],
    ['a limit out of range', '/api/v1/keywords/search?q=wedding&platform=etsy&limit=1000'],
  ])('rejects %s with 400 and the error shape', async (_name, url) => {
    const res = await get(url);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({
      error: { code: 'VALIDATION_FAILED', message: expect.any(String), details: expect.anything() },
    });
  });

  it.each([
    ['in a search', '/api/v1/keywords/search?q=wed%00ding&platform=etsy', 'query.q'],
    ['in a comparison', '/api/v1/keywords/compare?keyword=%00', 'query.keyword'],
    ['in a path', '/api/v1/keywords/etsy/a%00b', 'params.keyword'],
  ])(
    'refuses a NUL character %s with 400 (PostgreSQL text cannot hold one)',
    async (_n, url, at) => {
      const res = await get(url);
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toEqual({
        code: 'VALIDATION_FAILED',
        message: `${at}: must not contain NUL characters`,
      });
    },
  );

  it('refuses a NUL character anywhere in a JSON body', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: 'a@example.com', password: 'x', extra: [{ deep: 'a\u0000' }] },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toBe('body.extra.0.deep: must not contain NUL characters');
  });

  it('answers unknown routes with 404 in the error shape', async () => {
    const res = await get('/api/v1/nope');
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
  });

  it('publishes the OpenAPI document and the interactive docs', async () => {
    const doc = (await get('/api/openapi.json')).json();
    expect(doc.openapi).toMatch(/^3\./);
    const search = doc.paths['/api/v1/keywords/search'].get;
    expect(search.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['q', 'platform', 'limit', 'cursor']),
    );
    const docs = await get('/api/docs/');
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-type']).toContain('text/html');
  });
});

describe('API with the database down', () => {
  let app: App;
  let database: DbHandle;
  beforeAll(async () => {
    database = await createDb({
      url: 'postgres://postgres@127.0.0.1:1/none',
      connectTimeoutMs: 500,
    });
    const cache = createTestCache('memory');
    const jobs = createInProcessRunner({ deps: { db: database.db, cache, clock: () => asOf } });
    app = await buildApp({ database, cache, jobs });
  });
  afterAll(async () => {
    await app.close();
    await database.close();
  });

  it('reports /ready 503', async () => {
    const res = await app.inject({ url: '/ready' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({
      status: 'unavailable',
      checks: { database: 'down', cache: 'up' },
    });
  });

  it('still serves /metrics, so that the outage shows in its error and latency figures', async () => {
    await app.inject({ url: '/api/v1/keywords/search?q=wedding&platform=etsy' });
    const res = await app.inject({ url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/http_request_duration_seconds_count\{[^}]*status="503"\} [1-9]/);
  });

  it('answers a search with 503 SERVICE_UNAVAILABLE and no stack trace', async () => {
    const res = await app.inject({ url: '/api/v1/keywords/search?q=wedding&platform=etsy' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({
      error: { code: 'SERVICE_UNAVAILABLE', message: expect.any(String) },
    });
    expect(res.body).not.toMatch(/at .*\.ts|ECONNREFUSED|127\.0\.0\.1/);
  });
});

describe('API with an unexpected error', () => {
  it('answers 500 in the error shape and reports the error with its request id and route', async () => {
    const database = await createTestDb('pglite');
    const memory = createTestCache('memory');
    // A cache with a bug: not a service being down, an error nobody expected.
    const cache = {
      ...memory,
      fetch: async () => {
        throw new Error('cache bug 42');
      },
    };
    const reported: { error: unknown; context: { requestId: string; route?: string } }[] = [];
    const jobs = createInProcessRunner({ deps: { db: database.db, cache, clock: () => asOf } });
    const app = await buildApp({
      database,
      cache,
      jobs,
      responseCache: { ttlSeconds: 0 },
      reportError: (error, context) => reported.push({ error, context }),
    });
    const res = await app.inject({ url: '/api/v1/keywords/search?q=wedding&platform=etsy' });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ error: { code: 'INTERNAL', message: 'Internal server error' } });
    expect(res.body).not.toContain('cache bug');
    expect(reported).toHaveLength(1);
    expect(reported[0]?.error).toMatchObject({ message: 'cache bug 42' });
    expect(reported[0]?.context).toEqual({
      requestId: res.headers['x-request-id'],
      route: '/api/v1/keywords/search',
    });
    // Expected failures (bad input) are not reported.
    await app.inject({ url: '/api/v1/keywords/search?platform=walmart' });
    expect(reported).toHaveLength(1);
    await app.close();
    await database.close();
  });
});
