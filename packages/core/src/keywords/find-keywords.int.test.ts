import type { KeywordSearchQuery } from '@digitallz/contracts';
import { type DbHandle, queryRows, sql } from '@digitallz/db';
import { createTestDb, testDbKinds } from '@digitallz/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCache } from '../cache';
import { seedDemo } from '../demo/seed-demo';
import { AppError } from '../errors';
import { findKeywords, type KeywordPage } from './find-keywords';

const asOf = new Date('2026-11-24T12:00:00Z');
const resultsByKind = new Map<string, KeywordPage[]>();

describe.each(testDbKinds())('findKeywords on %s', (kind) => {
  let handle: DbHandle;
  const search = (q: string, extra: Partial<Omit<KeywordSearchQuery, 'q'>> = {}) =>
    findKeywords(
      { db: handle.db, cache: createCache() },
      { q, platform: 'etsy', marketplace: 'US', limit: 20, ...extra },
    );

  beforeAll(async () => {
    handle = await createTestDb(kind);
    await seedDemo({ db: handle.db, asOf, keywords: 600 });
  });
  afterAll(() => handle.close());

  it('ranks keywords that start with the query first, then by volume', async () => {
    const { data } = await search('wedding');
    expect(data.length).toBe(20);
    expect(data.every((k) => k.platform === 'etsy' && k.keyword.includes('wedding'))).toBe(true);
    const firstNonPrefix = data.findIndex((k) => !k.keyword.startsWith('wedding'));
    if (firstNonPrefix >= 0) {
      expect(data.slice(firstNonPrefix).every((k) => !k.keyword.startsWith('wedding'))).toBe(true);
    }
    expect(data[0]).toMatchObject({ source: 'demo', isDemo: true, marketplace: 'US' });
    expect(typeof data[0]?.searchVolume).toBe('number');
    expect(typeof data[0]?.cpc).toBe('number');
    expect(new Date(data[0]?.lastUpdated ?? '').toISOString()).toBe(data[0]?.lastUpdated);
    resultsByKind.set(kind, [await search('wedding'), await search('planer'), await search('svg')]);
  });

  it('puts the exact keyword first and orders each tier by search volume', async () => {
    expect((await search('planner')).data[0]?.keyword).toBe('planner');
    const { data } = await search('wedding', { limit: 100 });
    const prefixTier = data.filter((k) => k.keyword.startsWith('wedding '));
    const volumes = prefixTier.map((k) => k.searchVolume ?? -1);
    expect(prefixTier.length).toBeGreaterThan(1);
    expect(volumes).toEqual([...volumes].sort((a, b) => b - a));
  });

  it('finds keywords despite a typo (trigram similarity)', async () => {
    const { data } = await search('weding invitaton');
    expect(data[0]?.keyword).toContain('wedding invitation');
  });

  it('pages through every match exactly once with cursors', async () => {
    const all = await search('planner', { limit: 100 });
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await search('planner', { limit: 7, cursor });
      seen.push(...page.data.map((k) => k.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(all.nextCursor).toBeNull();
    expect(seen).toEqual(all.data.map((k) => k.id));
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('filters search results like every list, within the relevance order', async () => {
    const unfiltered = (await search('wedding', { limit: 100 })).data;
    const filters = { minVolume: 50, maxWords: 3, excludes: ['invitation'] };
    const { data } = await search('wedding', { limit: 100, ...filters });
    const passes = (k: (typeof data)[number]) =>
      (k.searchVolume ?? -1) >= 50 &&
      k.keyword.split(' ').length <= 3 &&
      !k.keyword.includes('invitation');
    // The filters remove something here, and keep exactly the matches that pass them, in order.
    expect(unfiltered.some((k) => !passes(k))).toBe(true);
    expect(data.length).toBeGreaterThan(0);
    expect(data.every(passes)).toBe(true);
    expect(data.map((k) => k.id)).toEqual(unfiltered.filter(passes).map((k) => k.id));
  });

  it('sorts search results by another order, paging with cursors bound to it', async () => {
    const { data } = await search('wedding', { limit: 100, sort: 'opportunity' });
    const values = data.map((k) => k.opportunity ?? -1);
    expect(values).toEqual([...values].sort((a, b) => b - a));
    expect(data.every((k) => k.keyword.split(' ').includes('wedding'))).toBe(true);
    expect(data.find((k) => k.keyword === 'wedding')?.relevance ?? 3000).toBe(3000);
    expect(
      data.filter((k) => !k.keyword.startsWith('wedding')).every((k) => k.relevance === 1500),
    ).toBe(true);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await search('wedding', { limit: 9, sort: 'opportunity', cursor });
      seen.push(...page.data.map((k) => k.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor && seen.length < 100);
    expect(seen.slice(0, data.length)).toEqual(data.map((k) => k.id));
    const { nextCursor } = await search('wedding', { limit: 2, sort: 'volume' });
    await expect(
      search('wedding', { limit: 2, sort: 'opportunity', cursor: nextCursor ?? '' }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('finds keywords holding all the topic words of the query, in any order, stop words aside', async () => {
    const { data } = await search('invitation for the wedding');
    expect(data.length).toBeGreaterThan(0);
    for (const k of data) {
      expect(k.relevance).toBe(1500);
      expect(k.keyword.split(' ')).toEqual(expect.arrayContaining(['invitation', 'wedding']));
    }
  });

  it('gives each keyword its yearly change, in every tier, null while the history cannot tell it', async () => {
    // A keyword, one starting with it and one holding its words elsewhere: the head function, the
    // words function and, filtered, the tiers' own queries each read one of them.
    const trends = {
      'quokka zeta': { yearlyChangePct: 24.5, yearlyChangeKnown: true },
      'quokka zeta card': { yearlyChangePct: -18 }, // stored before `yearlyChangeKnown`
      'rustic quokka zeta': { yearlyChangePct: 0, yearlyChangeKnown: false },
    };
    for (const [keyword, trend] of Object.entries(trends))
      await handle.db.execute(sql`insert into keyword_data (keyword, platform, marketplace, search_volume, trend_data, source)
        values (${keyword}, 'etsy', 'US', 100, ${JSON.stringify(trend)}::jsonb, 'demo')`);
    const expected = { 'quokka zeta': 24.5, 'quokka zeta card': -18, 'rustic quokka zeta': null };
    const changes = (page: KeywordPage) =>
      Object.fromEntries(page.data.map((k) => [k.keyword, k.yearlyChangePct]));
    expect(changes(await search('quokka zeta'))).toEqual(expected);
    expect(changes(await search('zeta quokka'))).toEqual(expected);
    expect(changes(await search('quokka zeta', { minVolume: 0 }))).toEqual(expected);
    // Filtered by it: a change not known yet passes no bound.
    expect(changes(await search('quokka zeta', { minYearlyChange: 0 }))).toEqual({
      'quokka zeta': 24.5,
    });
    expect(changes(await search('zeta quokka', { maxYearlyChange: -10 }))).toEqual({
      'quokka zeta card': -18,
    });
    await handle.db.execute(sql`delete from keyword_data where keyword like '%quokka%'`);
    // The demo's own trends, as stored.
    const { data } = await search('wedding', { limit: 100 });
    const stored = await queryRows<{ keyword: string; change: number | null }>(
      handle.db,
      sql`select keyword, case when coalesce((trend_data->>'yearlyChangeKnown')::boolean, true)
                 then (trend_data->>'yearlyChangePct')::float8 end as change
          from keyword_data where platform = 'etsy' and marketplace = 'US'`,
    );
    const byKeyword = new Map(stored.map((row) => [row.keyword, row.change]));
    expect(data.some((k) => k.yearlyChangePct !== null)).toBe(true);
    for (const k of data) expect(k.yearlyChangePct).toBe(byKeyword.get(k.keyword) ?? null);
  });

  it('treats LIKE wildcards in the query literally', async () => {
    const { data } = await search('%');
    expect(data).toEqual([]);
  });

  it('rejects a malformed cursor and a cursor from another query', async () => {
    await expect(search('wedding', { cursor: 'not-a-cursor' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    const { nextCursor } = await search('wedding', { limit: 2 });
    await expect(search('planner', { cursor: nextCursor ?? '' })).rejects.toBeInstanceOf(AppError);
  });
});

describe('findKeywords across backends', () => {
  it.runIf(testDbKinds().length === 2)('returns the same results on PGlite and PostgreSQL', () => {
    expect(resultsByKind.get('postgres')?.length).toBe(3);
    expect(resultsByKind.get('postgres')).toEqual(resultsByKind.get('pglite'));
  });
});
