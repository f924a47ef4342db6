import { createHash } from 'node:crypto';
import { createInProcessRunner, createLimiter, seedDemo } from '@digitallz/core';
import {
  createTestCache,
  testCacheKinds,
  testKeyPrefix,
  testRedisUrl,
} from '@digitallz/core/testing';
import { type DbHandle, queryRows, sql } from '@digitallz/db';
import { createTestDb, testDbKinds } from '@digitallz/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from './app';
import { finishedImport, signUpUser, TEST_PASSWORD, type TestUser } from './test-helpers';

const asOf = new Date('2026-11-24T12:00:00Z');
type Document = { paths: Record<string, Record<string, { parameters?: { name: string }[] }>> };

/** Scopes, ownership, quotas and roles, on every database and cache this run has. */
describe.each(testDbKinds())('access control on %s', (kind) => {
  const cacheKind = testCacheKinds().at(-1) ?? 'memory';
  let database: DbHandle;
  let app: App;
  let now = asOf.getTime();
  let owner: TestUser;
  let other: TestUser;
  let keyword: string;

  beforeAll(async () => {
    database = await createTestDb(kind);
    await seedDemo({ db: database.db, asOf, keywords: 300 });
    const cache = createTestCache(cacheKind);
    const clock = () => new Date(now);
    app = await buildApp({
      database,
      cache,
      jobs: createInProcessRunner({ deps: { db: database.db, cache, clock } }),
      clock,
      limiter:
        cacheKind === 'redis'
          ? createLimiter({ redisUrl: testRedisUrl(), keyPrefix: testKeyPrefix() })
          : undefined,
    });
    owner = await signUpUser(app, { plan: 'business' });
    other = await signUpUser(app, { plan: 'business' });
    keyword = (
      await app.inject({
        url: '/api/v1/keywords/popular?platform=etsy&limit=1',
        headers: owner.headers,
      })
    ).json().data[0].keyword;
  });
  afterAll(async () => {
    await app.close();
    await app.limiter.close();
    await app.deps.cache.close();
    await database.close();
  });

  const call = (
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    headers: Record<string, string>,
    payload?: object,
  ) => app.inject({ method, url, headers, ...(payload ? { payload } : {}) });

  it('creates API keys shown once, limited to their scopes, revocable at once', async () => {
    const created = await call('POST', '/api/v1/api-keys', owner.headers, {
      name: 'Zapier',
      scopes: ['keywords:read', 'lists:read'],
    });
    expect(created.statusCode).toBe(201);
    const { key, id, prefix } = created.json();
    expect(key).toMatch(/^dz_[\w-]{43}$/);
    expect(key.startsWith(prefix)).toBe(true);
    const listed = (await call('GET', '/api/v1/api-keys', owner.headers)).json().data;
    expect(listed).toHaveLength(1);
    expect(JSON.stringify(listed)).not.toContain(key);

    const withKey = { 'x-api-key': key };
    expect(
      (await call('GET', `/api/v1/keywords/etsy/${encodeURIComponent(keyword)}`, withKey))
        .statusCode,
    ).toBe(200);
    expect(
      (await call('GET', '/api/v1/lists', { authorization: `Bearer ${key}` })).statusCode,
    ).toBe(200);
    const write = await call('POST', '/api/v1/lists', withKey, { name: 'by key' });
    expect(write.statusCode).toBe(403);
    expect(write.json().error.message).toContain('lists:write');
    // Keys cannot manage keys or the account.
    expect((await call('GET', '/api/v1/api-keys', withKey)).statusCode).toBe(403);
    expect((await call('GET', '/api/v1/account', withKey)).statusCode).toBe(403);
    expect(
      (await call('GET', '/api/v1/api-keys', owner.headers)).json().data[0].lastUsedAt,
    ).not.toBeNull();

    expect((await call('DELETE', `/api/v1/api-keys/${id}`, owner.headers)).statusCode).toBe(200);
    const revoked = await call('GET', '/api/v1/lists', withKey);
    expect(revoked.statusCode).toBe(401);
    expect(
      (await call('GET', '/api/v1/lists', { 'x-api-key': `${key.slice(0, -1)}x` })).statusCode,
    ).toBe(401);
  });

  it('rotates a key: both work during the overlap, then only the new one', async () => {
    const { key: old, id } = (
      await call('POST', '/api/v1/api-keys', owner.headers, {
        name: 'CI',
        scopes: ['keywords:read'],
      })
    ).json();
    const rotated = await call('POST', `/api/v1/api-keys/${id}/rotate`, owner.headers, {
      overlapHours: 1,
    });
    expect(rotated.statusCode).toBe(200);
    const { next, previous } = rotated.json();
    expect(previous.expiresAt).toBe(new Date(now + 3_600_000).toISOString());
    const popular = '/api/v1/keywords/popular?platform=etsy&limit=1';
    expect((await call('GET', popular, { 'x-api-key': old })).statusCode).toBe(200);
    expect((await call('GET', popular, { 'x-api-key': next.key })).statusCode).toBe(200);
    now += 3_600_001;
    try {
      const expired = await call('GET', popular, { 'x-api-key': old });
      expect(expired.statusCode).toBe(401);
      expect(expired.json().error.message).toMatch(/expired/);
      expect((await call('GET', popular, { 'x-api-key': next.key })).statusCode).toBe(200);
    } finally {
      now -= 3_600_001;
    }
    // Another user cannot rotate or revoke it.
    expect(
      (await call('POST', `/api/v1/api-keys/${next.id}/rotate`, other.headers, {})).statusCode,
    ).toBe(404);
    expect((await call('DELETE', `/api/v1/api-keys/${next.id}`, other.headers)).statusCode).toBe(
      404,
    );
  });

  it('lets exactly the quota through when 100 requests race at the limit', async () => {
    const free = await signUpUser(app, { plan: 'free' }); // 60 calls a minute
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        call('GET', `/api/v1/keywords/popular?platform=etsy&limit=${(i % 5) + 1}`, free.headers),
      ),
    );
    const codes = answers.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 200)).toHaveLength(60);
    expect(codes.filter((c) => c === 429)).toHaveLength(40);
    const refused = answers.find((r) => r.statusCode === 429);
    expect(refused?.json().error.code).toBe('QUOTA_EXCEEDED');
    expect(Number(refused?.headers['retry-after'])).toBeGreaterThan(0);
    const allowed = answers.find((r) => r.statusCode === 200);
    expect(allowed?.headers['ratelimit-limit']).toBe('60');
    expect(allowed?.headers['ratelimit-policy']).toBe('60;w=60, 1000;w=86400');
  });

  it("does not spend the plan's API calls on the web app's cookie session, but does its searches", async () => {
    const free = await signUpUser(app, { plan: 'free' });
    const cookies = { dz_access: free.accessToken, dz_csrf: free.csrfToken };
    const answers = await Promise.all(
      Array.from({ length: 70 }, () =>
        app.inject({ url: '/api/v1/keywords/popular?platform=etsy&limit=1', cookies }),
      ),
    );
    expect(answers.every((r) => r.statusCode === 200)).toBe(true);
    expect(answers[0]?.headers['ratelimit-policy']).toBe('600;w=60');
    await app.inject({
      url: `/api/v1/keywords/search?platform=etsy&q=${encodeURIComponent(keyword)}`,
      cookies,
    });
    const usage = (await call('GET', '/api/v1/account/usage', free.headers)).json();
    expect(usage.apiCallsPerMinute.remaining).toBe(59);
    expect(usage.searchesPerDay.remaining).toBe(24);
  });

  it('counts searches per day apart from other calls', async () => {
    const free = await signUpUser(app, { plan: 'free' }); // 25 searches a day
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        call(
          'GET',
          `/api/v1/keywords/search?platform=etsy&q=${encodeURIComponent(keyword)}&limit=${(i % 5) + 1}`,
          free.headers,
        ),
      ),
    );
    expect(answers.filter((r) => r.statusCode === 200)).toHaveLength(25);
    const refused = answers.find((r) => r.statusCode === 429);
    expect(Number(refused?.headers['retry-after'])).toBeGreaterThan(3_600);
    expect(refused?.json().error.message).toContain('the limit of 25 searches per day');
    // The next pages of a search already made are not new searches.
    const cursor = answers
      .find((r) => r.statusCode === 200 && r.json().nextCursor)
      ?.json().nextCursor;
    const nextPage = await call(
      'GET',
      `/api/v1/keywords/search?platform=etsy&q=${encodeURIComponent(keyword)}&limit=1&cursor=${encodeURIComponent(cursor)}`,
      free.headers,
    );
    expect(nextPage.statusCode, nextPage.body).toBe(200);
    // A cursor the API did not sign (a new search dressed as a next page) is refused.
    // (What anyone could compute: the query and position hashed without the API's secret.)
    const unsigned = createHash('sha256')
      .update('etsy\nUS\nanother\n1000\n1000000\n1')
      .digest('base64url')
      .slice(0, 16);
    const forged = Buffer.from(
      JSON.stringify({ r: 1_000, v: 1_000_000, i: 1, q: unsigned }),
    ).toString('base64url');
    const refusedPage = await call(
      'GET',
      `/api/v1/keywords/search?platform=etsy&q=another&limit=1&cursor=${forged}`,
      free.headers,
    );
    expect(refusedPage.statusCode).toBe(400);
    // Other calls still go through.
    const usage = (await call('GET', '/api/v1/account/usage', free.headers)).json();
    expect(usage).toMatchObject({ plan: 'free', searchesPerDay: { limit: 25, remaining: 0 } });
    expect(usage.apiCallsPerMinute.remaining).toBe(60 - 43);
  });

  it('limits anonymous callers per address and refuses them exports', async () => {
    const from = { remoteAddress: '198.51.100.7' };
    const hits = [];
    for (let i = 0; i < 31; i++)
      hits.push(
        await app.inject({ url: '/api/v1/keywords/popular?platform=ebay&limit=1', ...from }),
      );
    expect(hits.slice(0, 30).every((r) => r.statusCode === 200)).toBe(true);
    expect(hits[30]?.statusCode).toBe(429);
    const exported = await app.inject({
      url: '/api/v1/keywords/popular/export?platform=etsy&format=csv',
      remoteAddress: '198.51.100.8',
    });
    expect(exported.statusCode).toBe(401);
  });

  it('holds batch size and export rows to the plan', async () => {
    const free = await signUpUser(app, { plan: 'free' });
    const big = await call('POST', '/api/v1/batches', free.headers, {
      platform: 'etsy',
      keywords: Array.from({ length: 101 }, (_, i) => `kw ${i}`),
      collectMissing: false,
    });
    expect(big.statusCode).toBe(413);
    expect(big.json().error.message).toContain('up to 100 keywords');
    const csv = await call(
      'GET',
      '/api/v1/keywords/popular/export?platform=etsy&format=csv',
      free.headers,
    );
    expect(csv.statusCode).toBe(200);
    expect(csv.body.trim().split('\n').length - 1).toBeLessThanOrEqual(500);
  });

  it("walks every route with an id as another user and never reaches the owner's data", async () => {
    const list = (await call('POST', '/api/v1/lists', owner.headers, { name: 'private' })).json();
    await call('POST', `/api/v1/lists/${list.id}/keywords`, owner.headers, {
      keywords: [{ platform: 'etsy', keyword }],
    });
    const batch = (
      await call('POST', '/api/v1/batches', owner.headers, {
        platform: 'etsy',
        keywords: [keyword],
        collectMissing: false,
      })
    ).json();
    const key = (
      await call('POST', '/api/v1/api-keys', owner.headers, { name: 'k', scopes: ['lists:read'] })
    ).json();
    await call('POST', '/api/v1/tracking', owner.headers, {
      keywords: [{ platform: 'etsy', keyword }],
    });
    const tracked = (await call('GET', '/api/v1/tracking', owner.headers)).json().data[0];
    const rule = (await call('GET', '/api/v1/alert-rules', owner.headers)).json().data[0];
    const hook = (
      await call('POST', '/api/v1/webhooks', owner.headers, {
        url: 'http://127.0.0.1:9/owner',
        events: ['keyword.alert'],
      })
    ).json();
    const document: Document = (await app.inject({ url: '/api/openapi.json' })).json();
    const ids: Record<string, string> = {
      '/api/v1/lists/': list.id,
      '/api/v1/batches/': batch.id,
      '/api/v1/api-keys/': key.id,
      '/api/v1/tracking/': tracked.id,
      '/api/v1/alert-rules/': rule.id,
      '/api/v1/webhooks/': hook.id,
    };
    const tried: string[] = [];
    for (const [path, operations] of Object.entries(document.paths)) {
      const prefix = Object.keys(ids).find((p) => path.startsWith(p));
      if (!prefix || !path.includes('{id}')) continue;
      for (const method of Object.keys(operations)) {
        const url = `${path.replace('{id}', ids[prefix] as string)}${path.endsWith('export') ? '?format=csv' : ''}`;
        const res = await call(
          method.toUpperCase() as 'GET',
          url,
          other.headers,
          method === 'get' || (method === 'delete' && !path.endsWith('keywords'))
            ? undefined
            : { name: 'x', keywords: [{ platform: 'etsy', keyword }], enabled: false },
        );
        tried.push(`${method} ${path}`);
        expect([404], `${method} ${url} answered ${res.statusCode}`).toContain(res.statusCode);
      }
    }
    expect(tried.length).toBeGreaterThanOrEqual(20);
    expect((await call('GET', '/api/v1/tracking', owner.headers)).json().data).toHaveLength(1);
    expect((await call('GET', '/api/v1/webhooks', owner.headers)).json().data[0]).toMatchObject({
      id: hook.id,
      enabled: true,
    });
    // The owner still has everything.
    expect(
      (await call('GET', `/api/v1/lists/${list.id}`, owner.headers)).json().list.keywordCount,
    ).toBe(1);
    expect((await call('GET', `/api/v1/batches/${batch.id}`, owner.headers)).statusCode).toBe(200);
    // History and audit are per user.
    const history = (await call('GET', '/api/v1/history', other.headers)).json().data;
    expect(history).toEqual([]);
    const audit = (await call('GET', '/api/v1/account/audit', other.headers)).json().data;
    expect(audit.every((e: { userId: string }) => e.userId === other.userId)).toBe(true);
  });

  it('keeps injection and script strings inert in every text field: stored and returned as sent', async () => {
    const nasty = [
      `'); drop table users; --`,
      '<script>alert("x")</script><img src=x onerror=alert(1)>',
      "' or 1=1 -- \u202e 𝓤𝓤 \\x00",
      `\${7*7}{{7*7}}%s%n`,
    ];
    for (const text of nasty) {
      const list = await call('POST', '/api/v1/lists', owner.headers, { name: text });
      expect(list.statusCode).toBe(201);
      expect(list.headers['content-type']).toContain('application/json');
      expect(list.json().name).toBe(text.trim());
      const renamed = await call('PATCH', '/api/v1/account', owner.headers, { displayName: text });
      expect(renamed.json().displayName).toBe(text.trim());
      const key = await call('POST', '/api/v1/api-keys', owner.headers, {
        name: text,
        scopes: ['keywords:read'],
      });
      expect(key.json().name).toBe(text.trim());
      await call('DELETE', `/api/v1/api-keys/${key.json().id}`, owner.headers);
      const added = await call('POST', `/api/v1/lists/${list.json().id}/keywords`, owner.headers, {
        keywords: [{ platform: 'etsy', keyword: text }],
      });
      expect(added.statusCode).toBe(200);
      const batch = await call('POST', '/api/v1/batches', owner.headers, {
        platform: 'etsy',
        keywords: [text],
        collectMissing: false,
      });
      expect(batch.statusCode).toBe(202);
      for (const path of ['search?platform=etsy&q=', 'suggest?platform=etsy&q=']) {
        const res = await call(
          'GET',
          `/api/v1/keywords/${path}${encodeURIComponent(text)}`,
          owner.headers,
        );
        expect(res.statusCode, `${path} ${text}`).toBeLessThan(500);
      }
      const detail = await call(
        'GET',
        `/api/v1/keywords/etsy/${encodeURIComponent(text)}`,
        owner.headers,
      );
      expect([200, 404]).toContain(detail.statusCode);
    }
    // Nothing was dropped or rewritten.
    const [tables] = await queryRows<{ users: number }>(
      database.db,
      sql`select count(*)::int as users from users`,
    );
    expect(tables?.users).toBeGreaterThan(1);
    const names = (await call('GET', '/api/v1/lists', owner.headers))
      .json()
      .data.map((l: { name: string }) => l.name);
    for (const text of nasty) expect(names).toContain(text.trim());
  });

  it('lets admins, and only admins, manage users, plans, quota use and the whole audit log', async () => {
    expect((await call('GET', '/api/v1/admin/users', owner.headers)).statusCode).toBe(403);
    const admin = await signUpUser(app, { role: 'admin' });
    const found = await call(
      'GET',
      `/api/v1/admin/users?email=${encodeURIComponent(other.email)}`,
      admin.headers,
    );
    expect(found.json().data).toHaveLength(1);
    const changed = await call('PATCH', `/api/v1/admin/users/${other.userId}`, admin.headers, {
      plan: 'pro',
    });
    expect(changed.json()).toMatchObject({ plan: 'pro' });
    // Effective on the user's next request.
    expect((await call('GET', '/api/v1/account/usage', other.headers)).json().plan).toBe('pro');
    // What the user has left today, as the admin sees it: the same figures the user sees.
    const seen = (
      await call('GET', `/api/v1/admin/users/${other.userId}/usage`, admin.headers)
    ).json();
    const own = (await call('GET', '/api/v1/account/usage', other.headers)).json();
    expect(seen).toMatchObject({ plan: 'pro', searchesPerDay: own.searchesPerDay });
    expect(seen.searchesPerDay.limit).toBeGreaterThan(0);
    expect(
      (await call('GET', `/api/v1/admin/users/${other.userId}/usage`, owner.headers)).statusCode,
    ).toBe(403);
    expect(
      (await call('GET', `/api/v1/admin/users/${crypto.randomUUID()}/usage`, admin.headers))
        .statusCode,
    ).toBe(404);
    const audit = (
      await call('GET', '/api/v1/admin/audit?action=plan.changed', admin.headers)
    ).json();
    expect(audit.data[0]).toMatchObject({
      userId: other.userId,
      details: { from: 'business', to: 'pro' },
    });
    expect((await call('GET', '/api/v1/admin/quarantine', admin.headers)).statusCode).toBe(200);
    expect((await call('GET', '/api/v1/admin/jobs/failed', admin.headers)).json().data).toEqual(
      expect.any(Array),
    );
    expect((await call('GET', '/api/v1/admin/jobs/failed', owner.headers)).statusCode).toBe(403);
    // The replay of failed jobs: admins only, ids or all, and a clear 400 otherwise.
    const retry = (body: object, headers = admin.headers) =>
      call('POST', '/api/v1/admin/jobs/failed/retry', headers, body);
    expect((await retry({ ids: ['gone'] })).json()).toEqual({ retried: [], notFound: ['gone'] });
    expect((await retry({ all: true })).json()).toEqual({ retried: [], notFound: [] });
    for (const bad of [{}, { ids: [] }, { ids: ['a'], all: true }, { all: false }]) {
      const res = await retry(bad);
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
    }
    expect(
      (await retry({ ids: Array.from({ length: 1_001 }, (_, i) => `j${i}`) })).statusCode,
    ).toBe(400);
    expect((await retry({ all: true }, owner.headers)).statusCode).toBe(403);
    // An API key of an admin is still not an admin session.
    const key = (
      await call('POST', '/api/v1/api-keys', admin.headers, {
        name: 'a',
        scopes: ['keywords:read'],
      })
    ).json().key;
    expect((await call('GET', '/api/v1/admin/users', { 'x-api-key': key })).statusCode).toBe(403);
  });

  it("exports all of a user's data as JSON and deletes the account with everything it owns", async () => {
    const user = await signUpUser(app, { plan: 'pro' });
    const list = (await call('POST', '/api/v1/lists', user.headers, { name: 'gdpr' })).json();
    await call('POST', `/api/v1/lists/${list.id}/keywords`, user.headers, {
      keywords: [{ platform: 'etsy', keyword }],
    });
    await call('POST', '/api/v1/batches', user.headers, {
      platform: 'etsy',
      keywords: [keyword],
      collectMissing: false,
    });
    await call(
      'GET',
      `/api/v1/keywords/search?platform=etsy&q=${encodeURIComponent(keyword)}`,
      user.headers,
    );
    await app.deps.history.flush();
    const imported = await app.inject({
      method: 'POST',
      url: '/api/v1/imports?kind=csv',
      headers: { ...user.headers, 'content-type': 'text/csv' },
      payload: `keyword,platform,volume\n${keyword},etsy,1234\n`,
    });
    expect((await finishedImport(app, user.headers, imported.json().path)).status).toBe(
      'completed',
    );
    const key = (
      await call('POST', '/api/v1/api-keys', user.headers, { name: 'g', scopes: ['lists:read'] })
    ).json().key;
    await call('POST', '/api/v1/tracking', user.headers, {
      keywords: [{ platform: 'etsy', keyword }],
    });
    const hookSecret = (
      await call('POST', '/api/v1/webhooks', user.headers, {
        url: 'http://127.0.0.1:9/gdpr',
        events: ['batch.completed'],
      })
    ).json().secret;

    const exported = await call('GET', '/api/v1/account/export', user.headers);
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-disposition']).toContain('attachment');
    const data = exported.json();
    expect(data.account).toMatchObject({ email: user.email, plan: 'pro' });
    expect(data.lists[0]).toMatchObject({ name: 'gdpr', keywords: [{ keyword }] });
    expect(data.batches[0].keywords).toEqual([keyword]);
    expect(data.searches[0]).toMatchObject({ keyword });
    expect(data.imports[0].rows).toEqual([{ keyword, platform: 'etsy', volume: 1234 }]);
    expect(data.apiKeys).toHaveLength(1);
    expect(data.trackedKeywords).toEqual([expect.objectContaining({ keyword, platform: 'etsy' })]);
    expect(data.alertRules).toHaveLength(5);
    expect(data.webhooks).toEqual([expect.objectContaining({ url: 'http://127.0.0.1:9/gdpr' })]);
    expect(data.notifications.map((n: { type: string }) => n.type)).toContain('batch.completed');
    expect(data.auditLog.map((e: { action: string }) => e.action)).toContain('auth.signed_up');
    for (const secret of ['$argon2', key, user.refreshToken, 'key_hash', 'password', hookSecret])
      expect(exported.body).not.toContain(secret);

    const refused = await call('DELETE', '/api/v1/account', user.headers, {
      confirm: 'DELETE',
      password: 'wrong password',
    });
    expect(refused.statusCode).toBe(403);
    const deleted = await call('DELETE', '/api/v1/account', user.headers, {
      confirm: 'DELETE',
      password: TEST_PASSWORD,
    });
    expect(deleted.statusCode).toBe(204);
    const left = await queryRows<{ n: number }>(
      database.db,
      sql`select (select count(*) from users where id = ${user.userId})
               + (select count(*) from keyword_lists where owner_id = ${user.userId})
               + (select count(*) from batch_analyses where owner_id = ${user.userId})
               + (select count(*) from keyword_searches where user_id = ${user.userId})
               + (select count(*) from keyword_imports where owner_id = ${user.userId})
               + (select count(*) from api_keys where user_id = ${user.userId})
               + (select count(*) from auth_sessions where user_id = ${user.userId})
               + (select count(*) from audit_log where user_id = ${user.userId}) as n`,
    );
    expect(Number(left[0]?.n)).toBe(0);
    expect((await call('GET', '/api/v1/lists', { 'x-api-key': key })).statusCode).toBe(401);
    expect((await call('GET', '/api/v1/account', user.headers)).statusCode).toBe(401);
    const signIn = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: user.email, password: TEST_PASSWORD },
    });
    expect(signIn.statusCode).toBe(401);
  });

  it('documents who may call each route, and every route says', async () => {
    const document = (await app.inject({ url: '/api/openapi.json' })).json();
    const account = document.paths['/api/v1/account/'].get;
    expect(account.security).toEqual([{ bearerAuth: [] }, { cookieAuth: [] }]);
    expect(account.responses['401']).toBeDefined();
    expect(document.paths['/api/v1/keywords/search'].get.security).toContainEqual({});
    expect(document.paths['/api/v1/auth/sign-in'].post.security).toBeUndefined();
    expect(document.components.securitySchemes).toHaveProperty('apiKey');
  });
});
