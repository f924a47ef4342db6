import { createInProcessRunner, seedDemo } from '@digitallz/core';
import { createTestCache, testCacheKinds } from '@digitallz/core/testing';
import { type DbHandle, queryRows, sql } from '@digitallz/db';
import { createTestDb, testDbKinds } from '@digitallz/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from './app';
import { signUpUser, type TestUser } from './test-helpers';

const asOf = new Date('2026-11-24T12:00:00Z');
const cacheKind = testCacheKinds().at(-1) ?? 'memory';

describe.each(testDbKinds())('history, dashboard and global trends on %s', (kind) => {
  let database: DbHandle;
  let app: App;
  let user: TestUser;
  let now = asOf.getTime();

  beforeAll(async () => {
    database = await createTestDb(kind);
    await seedDemo({ db: database.db, asOf, keywords: 400 });
    const cache = createTestCache(cacheKind);
    const clock = () => new Date(now);
    const jobs = createInProcessRunner({ deps: { db: database.db, cache, clock } });
    app = await buildApp({ database, cache, jobs, clock });
    user = await signUpUser(app, { plan: 'business' });
  });
  afterAll(async () => {
    await app.close();
    await app.deps.cache.close();
    await database.close();
  });

  const get = (url: string) => app.inject({ method: 'GET', url, headers: user.headers });

  it('records first-page searches and lists them newest first, a page at a time', async () => {
    for (const q of ['wedding', 'planner', 'svg']) {
      now += 1_000;
      expect((await get(`/api/v1/keywords/search?q=${q}&platform=etsy&limit=3`)).statusCode).toBe(
        200,
      );
    }
    now += 1_000;
    const first = (await get('/api/v1/keywords/search?q=wedding&platform=etsy&limit=3')).json();
    // A next page is not a new search.
    await get(`/api/v1/keywords/search?q=wedding&platform=etsy&limit=3&cursor=${first.nextCursor}`);
    await app.deps.history.flush();

    const page1 = (await get('/api/v1/history?limit=2')).json();
    expect(page1.data.map((s: { keyword: string }) => s.keyword)).toEqual(['wedding', 'svg']);
    const page2 = (await get(`/api/v1/history?limit=2&cursor=${page1.nextCursor}`)).json();
    expect(page2.data.map((s: { keyword: string }) => s.keyword)).toEqual(['planner', 'wedding']);
    expect(page2.nextCursor).toBeNull();
    expect(page1.data[1]).toMatchObject({ platform: 'etsy', marketplace: 'US', resultCount: 3 });
    expect((await get('/api/v1/history?platform=amazon')).json().data).toEqual([]);
    expect((await get('/api/v1/history?cursor=bad')).statusCode).toBe(400);
  });

  it('keeps history writes off the request path and loses nothing on close', async () => {
    const before = await count();
    now += 1_000;
    app.deps.history.record({
      userId: user.userId,
      keyword: 'buffered',
      platform: 'ebay',
      marketplace: 'US',
      resultCount: 0,
      at: new Date(now),
    });
    expect(await count()).toBe(before);
    await app.deps.history.flush();
    expect(await count()).toBe(before + 1);
  });

  it('summarises the workspace on the dashboard', async () => {
    const res = await get('/api/v1/dashboard');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    // The last distinct searches: "wedding", searched twice, is there once, at its latest.
    expect(body.recentSearches.map((s: { keyword: string }) => s.keyword)).toEqual([
      'buffered',
      'wedding',
      'svg',
      'planner',
    ]);
    expect(body.platforms.map((p: { platform: string }) => p.platform)).toEqual([
      'amazon',
      'etsy',
      'ebay',
    ]);
    for (const p of body.platforms) expect(p.keywords).toBeGreaterThan(0);
    expect(body.topOpportunities).toHaveLength(5);
    const opportunities = body.topOpportunities.map((k: { opportunity: number }) => k.opportunity);
    expect(opportunities).toEqual([...opportunities].sort((a, b) => b - a));
    expect(body).toMatchObject({ lists: 0, batches: { running: 0, completed: 0 } });
  });

  it("shows a platform's demand over the year, rising keywords and next month's peaks", async () => {
    // The most searched etsy keyword, as if its history could not yet tell growth from the season
    // (estimates from one year store a change of 0, unknown): it is not among the rising.
    const [unknown] = await queryRows<{ id: string }>(
      database.db,
      sql`update keyword_data set trend_data = '{"yearlyChangePct": 900, "yearlyChangeKnown": false}'
          where id = (select id from keyword_data where platform = 'etsy'
                      order by search_volume desc nulls last limit 1)
          returning id::text as id`,
    );
    const res = await get('/api/v1/trends/global?platform=etsy');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.weekly.length).toBeGreaterThanOrEqual(52);
    expect(body.basedOn).toBeGreaterThan(100);
    const [top] = await queryRows<{ total: number }>(
      database.db,
      sql`select sum(o.search_volume)::float8 as total from keyword_observations o
          join keyword_data k on k.id = o.keyword_id
          where k.platform = 'etsy' and o.period_start = ${body.weekly.at(-1).periodStart}::date`,
    );
    expect(body.weekly.at(-1).volume).toBe(Math.round(top?.total ?? 0));
    expect(body.rising.length).toBeGreaterThan(0);
    // Growing keywords only, fastest first, each with its yearly change.
    const changes = body.rising.map((k: { yearlyChangePct: number }) => k.yearlyChangePct);
    expect(Math.min(...changes)).toBeGreaterThan(0);
    expect(changes).toEqual([...changes].sort((a, b) => b - a));
    expect(body.rising.map((k: { id: string }) => k.id)).not.toContain(unknown?.id);
    // Seeded in November: December peaks are next.
    expect(body.peakingNextMonth.length).toBeGreaterThan(0);
    const ids = body.peakingNextMonth.map((k: { id: string }) => k.id);
    const peaks = await queryRows<{ peak: number }>(
      database.db,
      sql`select (trend_data->>'peakMonth')::int as peak from keyword_data
          where id in (select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb)::bigint)`,
    );
    expect(peaks.every((p) => p.peak === 12)).toBe(true);
    expect((await get('/api/v1/trends/global?platform=etsy&marketplace=XYZ')).statusCode).toBe(400);
  });

  const count = async () =>
    (
      await queryRows<{ n: number }>(
        database.db,
        sql`select count(*)::int as n from keyword_searches`,
      )
    )[0]?.n ?? 0;
});
