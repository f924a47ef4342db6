import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { KeywordSearchResponseSchema } from '@digitallz/contracts';
import {
  bumpDataVersion,
  bumpKeywordVersions,
  collectKeyword,
  computePendingEstimates,
  createCache,
  createCollectionDeps,
  createInProcessRunner,
  dataVersion,
  seedDemo,
} from '@digitallz/core';
import {
  createTestCache,
  deployMetricNames,
  exposedMetricNames,
  testCacheKinds,
  testKeyPrefix,
  testRedisUrl,
} from '@digitallz/core/testing';
import { type DbHandle, queryRows, sql } from '@digitallz/db';
import { createTestDb, testDbKinds } from '@digitallz/db/testing';
import { type SandboxServer, startSandboxServer } from '@digitallz/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from './app';
import { answerKey, answerShape, sharedKey } from './plugins/app/response-cache';
import { signUpUser, type TestUser } from './test-helpers';

const asOf = new Date('2026-11-24T12:00:00Z');
const cacheKind = testCacheKinds().at(-1) ?? 'memory';
const fast = { perSecond: 10_000, burst: 10_000 };

let sandbox: SandboxServer;
let archiveDir: string;
beforeAll(async () => {
  sandbox = await startSandboxServer({ asOf, keywords: 2_000 });
  archiveDir = mkdtempSync(join(tmpdir(), 'digitallz-api-keywords-'));
});
afterAll(async () => {
  await sandbox.close();
  rmSync(archiveDir, { recursive: true, force: true });
});

type Summary = { id: string; keyword: string; searchVolume: number | null; opportunity: number };

describe.each(testDbKinds())('keyword endpoints on %s', (kind) => {
  let database: DbHandle;
  let app: App;
  let user: TestUser;

  beforeAll(async () => {
    database = await createTestDb(kind);
    await seedDemo({ db: database.db, asOf, keywords: 400 });
    // One keyword collected from the sandbox through the real collectors, with its estimates.
    const collection = createCollectionDeps({
      db: database.db,
      archiveDir,
      limits: { amazon: fast, etsy: fast, ebay: fast },
      marketplaces: { etsy: { baseUrl: sandbox.url, credentials: { etsyApiKey: 'k' } } },
      source: 'sandbox',
    });
    await collectKeyword(collection, {
      platform: 'etsy',
      marketplace: 'US',
      keyword: 'wedding',
      observedAt: asOf.toISOString(),
      expand: true,
      budget: 6,
    });
    await computePendingEstimates({ db: database.db, clock: () => asOf }, { batch: 500 });
    const cache = createTestCache(cacheKind);
    const jobs = createInProcessRunner({ deps: { db: database.db, cache, clock: () => asOf } });
    app = await buildApp({ database, cache, jobs });
    user = await signUpUser(app, { plan: 'business' });
  });
  afterAll(async () => {
    await app.close();
    await app.deps.cache.close();
    await database.close();
  });

  const get = (url: string) => app.inject({ method: 'GET', url, headers: user.headers });
  const demoKeyword = async (platform = 'etsy') =>
    (await get(`/api/v1/keywords/popular?platform=${platform}&limit=1`)).json().data[0] as Summary;

  it('details a collected keyword: each estimate explained, freshness and model', async () => {
    const res = await get('/api/v1/keywords/etsy/wedding');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      keyword: 'wedding',
      platform: 'etsy',
      marketplace: 'US',
      source: 'sandbox',
      isDemo: true,
      lastUpdated: asOf.toISOString(),
      estimatedAt: asOf.toISOString(),
      model: expect.any(String),
      reason: expect.stringMatching(/demand/),
    });
    expect(body.volume.low).toBeLessThanOrEqual(body.volume.monthly);
    expect(body.volume.high).toBeGreaterThanOrEqual(body.volume.monthly);
    expect(body.volume.explanation).toMatch(/80% range/);
    expect(body.competition.explanation).toMatch(/competition/);
    expect(body.competition.listingCount).toBeGreaterThan(0);
    // The same explanations as figures, for a client to say in its reader's language.
    expect(body.volume.basis.listingCount).toBe(body.competition.listingCount);
    expect(body.volume.basis.autocomplete !== null).toBe(
      body.volume.explanation.includes('suggested at position'),
    );
    expect(body.competition.topListings).toMatch(/^(strong|established|weak)$/);
    expect(body.cpc).toMatchObject({ source: 'model', currency: 'USD' });
    expect(body.price.min).toBeLessThanOrEqual(body.price.median);
  });

  it('details a demo keyword and says its figures are simulated', async () => {
    const top = await demoKeyword();
    const res = await get(`/api/v1/keywords/etsy/${encodeURIComponent(top.keyword)}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.isDemo).toBe(true);
    expect(body.volume.monthly).toBe(top.searchVolume);
    expect(body.volume.explanation).toMatch(/Demo data/);
    expect([body.volume.basis, body.competition.topListings]).toEqual([null, null]);
    // A year of weekly history: direction, seasonality and an explanation.
    expect(body.trend.direction).toMatch(/up|flat|down/);
    expect(body.trend.seasonality.index).toHaveLength(12);
  });

  it('forecasts the weekly series with nested 80% and 95% bands', async () => {
    const top = await demoKeyword('amazon');
    const res = await get(
      `/api/v1/keywords/amazon/${encodeURIComponent(top.keyword)}/trends?horizon=13`,
    );
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.weekly.length).toBeGreaterThanOrEqual(52);
    expect(body.forecast).toHaveLength(13);
    // One year of this fixture's history: the recent weeks, not a yearly season.
    expect(body.weekly.length).toBeLessThan(104);
    expect(body.forecastBasis).toBe('recent_weeks');
    const lastWeek = Date.parse(body.weekly.at(-1).periodStart);
    expect(Date.parse(body.forecast[0].periodStart) - lastWeek).toBe(7 * 24 * 3600 * 1000);
    for (const f of body.forecast) {
      expect(f.lo95).toBeLessThanOrEqual(f.lo80);
      expect(f.lo80).toBeLessThanOrEqual(f.volume);
      expect(f.volume).toBeLessThanOrEqual(f.hi80);
      expect(f.hi80).toBeLessThanOrEqual(f.hi95);
    }
  });

  it('analyses the competition: top listings, price bands and sellers', async () => {
    const res = await get('/api/v1/keywords/etsy/wedding/competition');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.topListings.length).toBeGreaterThan(0);
    expect(body.topListings[0]).toMatchObject({ title: expect.any(String) });
    const priced = body.topListings.filter((l: { price: number | null }) => l.price !== null);
    const banded = body.price.histogram.reduce((n: number, b: { count: number }) => n + b.count, 0);
    expect(banded).toBe(priced.length);
    expect(body.sellers.length).toBeGreaterThan(0);
    expect(body.competition.level).toMatch(/low|medium|high/);
  });

  it('finds related keywords and groups them into topics', async () => {
    const res = await get('/api/v1/keywords/etsy/wedding/related?limit=20');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.data.length).toBeGreaterThan(0);
    for (const r of body.data) expect(r.keyword).toContain('wedding');
    const scores = body.data.map((r: { score: number }) => r.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const clustered = body.clusters.flatMap((c: { keywords: string[] }) => c.keywords);
    expect(clustered.sort()).toEqual(body.data.map((r: { keyword: string }) => r.keyword).sort());
  });

  it('writes listing help within each marketplace limit, led by the keyword', async () => {
    const res = await get('/api/v1/keywords/etsy/wedding/listing');
    expect(res.statusCode, res.body).toBe(200);
    const help = res.json();
    expect(help.basedOn[0]).toBe('wedding');
    expect(help.basedOn.length).toBeGreaterThan(1);
    // A one-word keyword gives no tag of its own: the first comes from the closest related one.
    expect(help.basedOn[1]).toContain(help.etsyTags[0]);
    expect(help.etsyTags.length).toBeGreaterThan(1);
    expect(help.etsyTags.length).toBeLessThanOrEqual(13);
    for (const tag of help.etsyTags) expect(tag.length).toBeLessThanOrEqual(20);
    expect(new Set(help.etsyTags).size).toBe(help.etsyTags.length);
    expect(Buffer.byteLength(help.amazonSearchTerms)).toBeLessThanOrEqual(249);
    expect(help.ebayTitle.length).toBeLessThanOrEqual(80);
    expect(help.ebayTitle.toLowerCase()).toContain('wedding');
    expect((await get('/api/v1/keywords/shopify/wedding/listing')).statusCode).toBe(400);
  });

  it('draws listing help from the related keywords close to the keyword alone', async () => {
    const related = (await get('/api/v1/keywords/etsy/wedding%20planner/related?limit=60')).json();
    const closeness = new Map<string, number>(
      related.data.map((r: { keyword: string; closeness: number }) => [r.keyword, r.closeness]),
    );
    // Some share a word alone ("budget planner"): far from a wedding planner.
    expect([...closeness.values()].some((c) => c < 0.5)).toBe(true);
    const help = (await get('/api/v1/keywords/etsy/wedding%20planner/listing')).json();
    expect(help.basedOn.length).toBeGreaterThan(1);
    for (const keyword of help.basedOn.slice(1))
      expect(closeness.get(keyword), keyword).toBeGreaterThanOrEqual(0.5);
  });

  it('suggests known keywords as you type, most searched first', async () => {
    const res = await get('/api/v1/keywords/suggest?q=WED&platform=etsy&limit=5');
    expect(res.statusCode).toBe(200);
    const { data } = res.json();
    expect(data.length).toBeGreaterThan(0);
    for (const s of data) expect(s.keyword.startsWith('wed')).toBe(true);
    const volumes = data.map((s: { searchVolume: number | null }) => s.searchVolume ?? -1);
    expect(volumes).toEqual([...volumes].sort((a, b) => b - a));
    expect((await get('/api/v1/keywords/suggest?q=%25&platform=etsy')).json().data).toEqual([]);
  });

  it('compares a keyword across platforms and names the best one', async () => {
    const top = await demoKeyword();
    const res = await get(`/api/v1/keywords/compare?keyword=${encodeURIComponent(top.keyword)}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.platforms.map((p: { platform: string }) => p.platform)).toEqual([
      'amazon',
      'etsy',
      'ebay',
    ]);
    const etsy = body.platforms.find((p: { platform: string }) => p.platform === 'etsy');
    expect(etsy).toMatchObject({ known: true, searchVolume: top.searchVolume });
    const known = body.platforms.filter((p: { opportunity: number | null }) => p.opportunity);
    const best = Math.max(...known.map((p: { opportunity: number }) => p.opportunity));
    expect(known.find((p: { platform: string }) => p.platform === body.best).opportunity).toBe(
      best,
    );
  });

  it('pages popular keywords by a sort with filters, without gaps or repeats', async () => {
    const all: Summary[] = [];
    let cursor: string | null = null;
    const base = '/api/v1/keywords/popular?platform=amazon&sort=opportunity&limit=7&minWords=2';
    do {
      const res = await get(`${base}${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.statusCode).toBe(200);
      const body = res.json();
      all.push(...body.data);
      cursor = body.nextCursor;
    } while (cursor && all.length < 200);
    const ids = all.map((k) => k.id);
    expect(new Set(ids).size).toBe(ids.length);
    const opportunities = all.map((k) => k.opportunity);
    expect(opportunities).toEqual([...opportunities].sort((a, b) => b - a));
    for (const k of all) expect(k.keyword.split(' ').length).toBeGreaterThanOrEqual(2);
    const unpaged = await get(
      '/api/v1/keywords/popular?platform=amazon&sort=opportunity&limit=100&minWords=2',
    );
    expect(all.slice(0, 100).map((k) => k.id)).toEqual(
      unpaged.json().data.map((k: Summary) => k.id),
    );
  });

  it('filters by volume, terms and competition', async () => {
    const res = await get(
      '/api/v1/keywords/popular?platform=etsy&minVolume=100&maxCompetition=0.8&includes=planner&excludes=digital,kids&limit=50',
    );
    expect(res.statusCode).toBe(200);
    for (const k of res.json().data) {
      expect(k.searchVolume).toBeGreaterThanOrEqual(100);
      expect(k.competition).toBeLessThanOrEqual(0.8);
      expect(k.keyword).toContain('planner');
      expect(k.keyword).not.toMatch(/digital|kids/);
    }
  });

  it('filters by the yearly change, keywords whose change is not known yet left out', async () => {
    // Every row, through the export of popular keywords.
    const url = (bounds: string) =>
      `/api/v1/keywords/popular/export?platform=etsy&sort=volume&format=json&${bounds}`;
    const all = (await get(url(''))).json() as { yearlyChangePct: number | null }[];
    const rising = (await get(url('minYearlyChange=10'))).json() as typeof all;
    const steady = (await get(url('minYearlyChange=-10&maxYearlyChange=10'))).json() as typeof all;
    expect(rising.length).toBeGreaterThan(0);
    expect(steady.length).toBeGreaterThan(0);
    for (const k of rising) expect(k.yearlyChangePct).toBeGreaterThanOrEqual(10);
    for (const k of steady) expect(Math.abs(k.yearlyChangePct ?? 100)).toBeLessThanOrEqual(10);
    expect(rising).toEqual(
      all.filter((k) => k.yearlyChangePct !== null && k.yearlyChangePct >= 10),
    );
  });

  it('searches with filters and a sort, and a sorted search of a known keyword collects nothing', async () => {
    const res = await get(
      '/api/v1/keywords/search?platform=etsy&q=planner&sort=volume&minVolume=100&excludes=digital&limit=50',
    );
    expect(res.statusCode).toBe(200);
    const { data, collection } = res.json();
    expect(data.length).toBeGreaterThan(0);
    expect(collection).toBeNull();
    const volumes = data.map((k: { searchVolume: number }) => k.searchVolume);
    expect(volumes).toEqual([...volumes].sort((a, b) => b - a));
    for (const k of data) {
      expect(k.searchVolume).toBeGreaterThanOrEqual(100);
      expect(k.keyword).toContain('planner');
      expect(k.keyword).not.toContain('digital');
    }
  });

  it.each([
    [
      'a bad search sort',
      '/api/v1/keywords/search?platform=etsy&q=planner&sort=random',
      400,
      'VALIDATION_FAILED',
    ],
    [
      'a bad search filter',
      '/api/v1/keywords/search?platform=etsy&q=planner&maxDifficulty=101',
      400,
      'VALIDATION_FAILED',
    ],
    ['an unknown keyword', '/api/v1/keywords/etsy/no%20such%20keyword%20xyz', 404, 'NOT_FOUND'],
    ['an unknown platform', '/api/v1/keywords/walmart/wedding', 400, 'VALIDATION_FAILED'],
    [
      'a bad marketplace',
      '/api/v1/keywords/etsy/wedding?marketplace=USA',
      400,
      'VALIDATION_FAILED',
    ],
    [
      'a horizon too far',
      '/api/v1/keywords/etsy/wedding/trends?horizon=500',
      400,
      'VALIDATION_FAILED',
    ],
    ['a bad sort', '/api/v1/keywords/popular?platform=etsy&sort=random', 400, 'VALIDATION_FAILED'],
    [
      'a yearly change below -100%',
      '/api/v1/keywords/search?platform=etsy&q=planner&minYearlyChange=-101',
      400,
      'VALIDATION_FAILED',
    ],
    [
      'a negative volume filter',
      '/api/v1/keywords/popular?platform=etsy&minVolume=-5',
      400,
      'VALIDATION_FAILED',
    ],
    [
      "another query's cursor",
      '/api/v1/keywords/popular?platform=etsy&sort=volume&cursor=eyJzIjoxLCJpIjoxLCJxIjoieCJ9',
      400,
      'VALIDATION_FAILED',
    ],
    ['an empty suggestion', '/api/v1/keywords/suggest?q=&platform=etsy', 400, 'VALIDATION_FAILED'],
    // The router refuses it before any hook: still the error shape (found by the fuzzer).
    [
      'a path segment over 100 characters',
      `/api/v1/keywords/etsy/${'x'.repeat(150)}`,
      414,
      'URI_TOO_LONG',
    ],
  ])('answers %s with a clear error', async (_name, url, status, code) => {
    const res = await get(url);
    expect(res.statusCode).toBe(status);
    expect(res.json().error.code).toBe(code);
    expect(res.json().error.message).toBeTruthy();
  });

  it('answers a repeated request from the response cache with the same body', async () => {
    const url = '/api/v1/keywords/etsy/wedding/related?limit=7';
    const first = await get(url);
    const before = app.responseCacheStats().hits;
    const again = await get(url);
    expect(app.responseCacheStats().hits).toBe(before + 1);
    expect(again.body).toBe(first.body);
    expect(again.headers['content-type']).toBe(first.headers['content-type']);
    expect(again.headers['x-request-id']).not.toBe(first.headers['x-request-id']);
    // Kept as UTF-8 bytes: an answer with characters beyond ASCII comes back whole.
    const accented = '/api/v1/keywords/etsy/caf%C3%A9%20%E2%98%95%20planner/related?limit=3';
    const unicode = await get(accented);
    expect(unicode.statusCode).toBe(200);
    expect(unicode.body).toContain('café ☕ planner');
    const unicodeHits = app.responseCacheStats().hits;
    const unicodeAgain = await get(accented);
    expect(app.responseCacheStats().hits).toBe(unicodeHits + 1);
    expect(unicodeAgain.body).toBe(unicode.body);
    expect(Number(unicodeAgain.headers['content-length'])).toBe(Buffer.byteLength(unicode.body));
    // Errors are never kept.
    await get('/api/v1/keywords/etsy/wedding/related?limit=7000');
    const hits = app.responseCacheStats().hits;
    expect((await get('/api/v1/keywords/etsy/wedding/related?limit=7000')).statusCode).toBe(400);
    expect(app.responseCacheStats().hits).toBe(hits);
  });

  it("replays only the route's own headers: CORS and security headers follow each request", async () => {
    const url = '/api/v1/keywords/etsy/wedding/related?limit=6';
    const from = (origin: string) =>
      app.inject({ method: 'GET', url, headers: { ...user.headers, origin } });
    const first = await from('http://localhost:3000');
    expect(first.headers['access-control-allow-origin']).toBe('http://localhost:3000');
    const before = app.responseCacheStats().hits;
    const foreign = await from('https://evil.test');
    expect(app.responseCacheStats().hits).toBe(before + 1);
    expect(foreign.body).toBe(first.body);
    expect(foreign.headers['access-control-allow-origin']).toBeUndefined();
    expect(foreign.headers['access-control-allow-credentials']).toBeUndefined();
    expect(foreign.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'content-type': first.headers['content-type'],
    });
  });

  it("keeps a keyword's answers past a few seconds and while other keywords change, and serves its new data once it moves", async () => {
    const url = '/api/v1/keywords/etsy/wedding';
    const competitionUrl = '/api/v1/keywords/etsy/wedding/competition';
    const first = await get(url);
    const competition = await get(competitionUrl);
    // Longer than the 2 s the response cache once kept answers for: within one data version an
    // answer does not change, so it is still served from memory.
    await new Promise((resolve) => setTimeout(resolve, 2_200));
    let hits = app.responseCacheStats().hits;
    expect((await get(url)).body).toBe(first.body);
    expect(app.responseCacheStats().hits).toBe(hits + 1);
    const before = new Date(first.json().lastUpdated as string);
    await database.db.execute(
      sql`update keyword_data set last_updated = last_updated + interval '1 day'
          where platform = 'etsy' and marketplace = 'US' and keyword = 'wedding'`,
    );
    // Other keywords of the platform collected: the platform's version moves, this keyword's
    // answers stay (searches, which span the platform, would be computed again).
    await bumpDataVersion(app.deps.cache, 'etsy');
    hits = app.responseCacheStats().hits;
    expect((await get(url)).body).toBe(first.body);
    expect((await get(competitionUrl)).body).toBe(competition.body);
    expect(app.responseCacheStats().hits).toBe(hits + 2);
    // This keyword written (as typed by a collector): its answers are computed again.
    await bumpKeywordVersions(app.deps.cache, 'etsy', 'US', ['Wedding']);
    hits = app.responseCacheStats().hits;
    const after = await get(url);
    await get(competitionUrl);
    expect(app.responseCacheStats().hits).toBe(hits);
    expect(new Date(after.json().lastUpdated).getTime() - before.getTime()).toBe(86_400_000);
    // The keyword as it was, for the tests that follow.
    await database.db.execute(
      sql`update keyword_data set last_updated = last_updated - interval '1 day'
          where platform = 'etsy' and marketplace = 'US' and keyword = 'wedding'`,
    );
    await bumpKeywordVersions(app.deps.cache, 'etsy', 'US', ['wedding']);
  });

  it('turns the response cache off with a TTL of 0', async () => {
    const off = await buildApp({
      database,
      cache: app.deps.cache,
      jobs: createInProcessRunner({
        deps: { db: database.db, cache: app.deps.cache, clock: () => asOf },
      }),
      responseCache: { ttlSeconds: 0 },
    });
    const url = '/api/v1/keywords/etsy/wedding/related?limit=6';
    expect((await off.inject({ url })).statusCode).toBe(200);
    expect((await off.inject({ url })).statusCode).toBe(200);
    expect(off.responseCacheStats()).toEqual({ hits: 0, sharedHits: 0, entries: 0 });
    await off.close();
  });

  it('keeps no answers when the cache is disabled (the uncached benchmark measures the database)', async () => {
    const cache = createCache({ disabled: true });
    const off = await buildApp({
      database,
      cache,
      jobs: createInProcessRunner({ deps: { db: database.db, cache, clock: () => asOf } }),
    });
    const url = '/api/v1/keywords/etsy/wedding';
    const first = await off.inject({ url });
    expect(first.statusCode).toBe(200);
    await database.db.execute(
      sql`update keyword_data set last_updated = last_updated + interval '1 day'
          where platform = 'etsy' and marketplace = 'US' and keyword = 'wedding'`,
    );
    // No version bump: only a request that reads the database sees the change.
    const again = await off.inject({ url });
    await database.db.execute(
      sql`update keyword_data set last_updated = last_updated - interval '1 day'
          where platform = 'etsy' and marketplace = 'US' and keyword = 'wedding'`,
    );
    expect(
      new Date(again.json().lastUpdated).getTime() - new Date(first.json().lastUpdated).getTime(),
    ).toBe(86_400_000);
    expect(off.responseCacheStats()).toEqual({ hits: 0, sharedHits: 0, entries: 0 });
    await off.close();
  });

  it.runIf(cacheKind === 'redis')(
    'serves an answer another API process computed from Redis, without running the use case',
    async () => {
      const keyPrefix = testKeyPrefix();
      const processes = await Promise.all(
        [0, 1].map(async () => {
          const cache = createCache({ redisUrl: testRedisUrl(), keyPrefix });
          return buildApp({
            database,
            cache,
            jobs: createInProcessRunner({ deps: { db: database.db, cache, clock: () => asOf } }),
          });
        }),
      );
      const [a, b] = processes as [App, App];
      const url = '/api/v1/keywords/search?q=wedding&platform=etsy&limit=5';
      const first = await a.inject({ url });
      expect(first.statusCode).toBe(200);
      // The copy in Redis is written as the answer leaves: wait for it.
      const version = String(await dataVersion(a.deps.cache, 'etsy'));
      const shape = answerShape(KeywordSearchResponseSchema);
      const stored = sharedKey(answerKey(version, shape, url));
      for (let i = 0; i < 100 && !(await a.deps.cache.getText(stored)); i++) await sleep(10);
      // Kept under the shape of the route's documented answer.
      expect(await a.deps.cache.getText(stored)).toContain('"data":');
      const loadsBefore = b.deps.cache.stats().loads;
      const second = await b.inject({ url });
      expect(second.body).toBe(first.body);
      expect(second.headers['content-type']).toBe(first.headers['content-type']);
      expect(second.headers['x-result-count']).toBe(first.headers['x-result-count']);
      expect(b.responseCacheStats()).toMatchObject({ hits: 1, sharedHits: 1, entries: 1 });
      // The use case did not run in b: its data cache loaded nothing.
      expect(b.deps.cache.stats().loads).toBe(loadsBefore);
      // Now in b's memory: the next hit costs no Redis call.
      expect((await b.inject({ url })).body).toBe(first.body);
      expect(b.responseCacheStats()).toMatchObject({ hits: 2, sharedHits: 1 });
      // A new data version is a new key in both tiers: computed again.
      await bumpDataVersion(b.deps.cache, 'etsy');
      await b.inject({ url });
      expect(b.responseCacheStats()).toMatchObject({ hits: 2, sharedHits: 1, entries: 2 });
      // An answer an earlier release left in Redis (its key had no shape) is never served.
      const next = String(await dataVersion(b.deps.cache, 'etsy'));
      const otherUrl = '/api/v1/keywords/search?q=planner&platform=etsy&limit=5';
      await b.deps.cache.setText(
        sharedKey(`${next}|${otherUrl}`),
        '{"content-type":"application/json; charset=utf-8"}\n{"data":"of an earlier release"}',
        60,
      );
      const fresh = await b.inject({ url: otherUrl });
      expect(fresh.statusCode).toBe(200);
      expect(fresh.json().data).toEqual(expect.any(Array));
      expect(b.responseCacheStats()).toMatchObject({ sharedHits: 1 });
      for (const app of processes) {
        await app.close();
        await app.deps.cache.close();
      }
    },
  );

  it('exports request latency by route and the cache hit ratio as Prometheus metrics', async () => {
    for (let i = 0; i < 3; i++) await get('/api/v1/keywords/etsy/wedding');
    const res = await get('/metrics');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.body).toMatch(
      /http_request_duration_seconds_count\{route="\/api\/v1\/keywords\/:platform\/:keyword",method="GET",status="200"\} \d+/,
    );
    const ratio = Number(/^cache_hit_ratio (\S+)$/m.exec(res.body)?.[1]);
    expect(ratio).toBeGreaterThan(0);
    expect(ratio).toBeLessThanOrEqual(1);
    expect(res.body).toMatch(/cache_lookups\{result="miss"\} [1-9]/);
    // The three requests above: the last two answered whole by the response cache.
    expect(res.body).toMatch(/cache_lookups\{result="response_hit"\} [1-9]/);
    expect(res.body).toMatch(/cache_lookups\{result="response_shared_hit"\} \d+/);
    expect(res.body).toContain('process_resident_memory_bytes');
  });

  it('exports the business figures: searches counted, accounts and subscriptions from the database', async () => {
    const searches = async () =>
      Number(
        /^digitallz_searches_total\{platform="ebay"\} (\d+)$/m.exec(
          (await get('/metrics')).body,
        )?.[1] ?? 0,
      );
    const before = await searches();
    await get('/api/v1/keywords/search?q=planner&platform=ebay&limit=2');
    await get('/api/v1/keywords/search?q=printable&platform=ebay&limit=2');
    // Counted in the onResponse hook, which may run just after the answer is delivered.
    let after = await searches();
    for (let i = 0; i < 20 && after < before + 2; i++) {
      await new Promise((r) => setTimeout(r, 50));
      after = await searches();
    }
    expect(after).toBe(before + 2);
    const body = (await get('/metrics')).body;
    const [{ users } = { users: -1 }] = await queryRows<{ users: number }>(
      database.db,
      sql`select count(*)::int as users from users`,
    );
    expect(body).toMatch(new RegExp(`^digitallz_users ${users}$`, 'm'));
    expect(body).toMatch(/^digitallz_active_subscriptions \d+$/m);
    // PostgreSQL query durations (the embedded database has no pool to time).
    expect(body).toMatch(
      kind === 'postgres'
        ? /^db_query_duration_seconds_count\{result="ok"\} [1-9]\d*$/m
        : /^# TYPE db_query_duration_seconds histogram$/m,
    );
    // Every API metric the alert rules and the Grafana dashboard use is exposed.
    const exposed = exposedMetricNames(body);
    const apiNames = deployMetricNames().filter((n) =>
      /^(http_|cache_|digitallz_|process_|nodejs_|db_)/.test(n),
    );
    expect(apiNames.length).toBeGreaterThanOrEqual(7);
    expect(apiNames.filter((n) => !exposed.has(n))).toEqual([]);
  });

  it('serves new data at once: collecting bumps what the cached detail depends on', async () => {
    const before = (await get('/api/v1/keywords/etsy/wedding/competition')).json();
    const runner = createInProcessRunner({
      deps: {
        db: database.db,
        cache: app.deps.cache,
        clock: () => new Date('2026-12-01T12:00:00Z'),
        collection: createCollectionDeps({
          db: database.db,
          archiveDir,
          limits: { amazon: fast, etsy: fast, ebay: fast },
          marketplaces: { etsy: { baseUrl: sandbox.url, credentials: { etsyApiKey: 'k' } } },
          source: 'sandbox',
        }),
      },
    });
    await runner.enqueue('collect.keyword', {
      platform: 'etsy',
      keyword: 'wedding',
      observedAt: '2026-12-01T12:00:00.000Z',
      expand: false,
    });
    await runner.idle();
    await runner.close();
    const after = (await get('/api/v1/keywords/etsy/wedding/competition')).json();
    expect(before.lastUpdated).toBe(asOf.toISOString());
    expect(after.lastUpdated).toBe('2026-12-01T12:00:00.000Z');
  });
});
