import type { KeywordSearchQuery } from '@digitallz/contracts';
import { type DbHandle, queryRows, type SQL, sql } from '@digitallz/db';
import { createTestDb, testDbKinds } from '@digitallz/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCache } from '../cache';
import { findKeywords } from './find-keywords';
import { PAIRS_PROBE, wordPairs } from './search-words';

/**
 * Search on a world made for its tiers: more keywords start with "planner" than the prefix tier
 * sorts (it walks the volume index then), "planner" and "weekly" are each in thousands of
 * keywords and together in few, some among the most searched, most among the least.
 */
const COMMON = 2200;
const TOGETHER_HIGH = 3;
const TOGETHER_LOW = 6;

describe.each(testDbKinds())('the tiers of search on %s', (kind) => {
  let handle: DbHandle;
  const search = (q: string, extra: Partial<Omit<KeywordSearchQuery, 'q'>> = {}) =>
    findKeywords(
      { db: handle.db, cache: createCache() },
      { q, platform: 'etsy', marketplace: 'US', limit: 50, ...extra },
    );
  /** The keywords of every page of a search, following its cursors. */
  const everyPage = async (q: string, limit: number) => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await search(q, { limit, cursor });
      seen.push(...page.data.map((k) => k.keyword));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return seen;
  };
  /** Every keyword holding both words, the exact order the tier must give. */
  const truth = async () =>
    (
      await queryRows<{ keyword: string }>(
        handle.db,
        sql`select keyword from keyword_data
          where platform = 'etsy' and marketplace = 'US' and string_to_array(keyword, ' ') @> array['weekly', 'planner']
            and keyword not like 'weekly planner%'
          order by coalesce(search_volume, -1) desc, id`,
      )
    ).map((r) => r.keyword);

  beforeAll(async () => {
    handle = await createTestDb(kind);
    const insert = (keyword: SQL, volume: SQL, count: number) =>
      queryRows(
        handle.db,
        sql`insert into keyword_data (keyword, platform, search_volume, source)
          select ${keyword}, 'etsy', ${volume}, 'sandbox' from generate_series(1, ${count}) i`,
      );
    await insert(sql`'planner a' || i`, sql`100000 + i`, COMMON);
    await insert(sql`'weekly b' || i`, sql`100000 + i`, COMMON);
    await insert(sql`'planner weekly h' || i`, sql`500000 + i`, TOGETHER_HIGH);
    await insert(sql`'weekly c' || i || ' planner'`, sql`i`, TOGETHER_LOW);
    // The same words on another platform and marketplace: never in an etsy US search.
    await queryRows(
      handle.db,
      sql`insert into keyword_data (keyword, platform, marketplace, search_volume, source) values
        ('planner weekly amazon', 'amazon', 'US', 900000, 'sandbox'),
        ('planner weekly uk', 'etsy', 'UK', 900000, 'sandbox')`,
    );
  });
  afterAll(() => handle.close());

  it('orders keywords starting with the query by volume, many of them or few, paged', async () => {
    const prefixed = async (q: string) =>
      (
        await queryRows<{ keyword: string }>(
          handle.db,
          sql`select keyword from keyword_data where platform = 'etsy' and marketplace = 'US'
            and keyword like ${`${q}%`} and keyword <> ${q}
            order by coalesce(search_volume, -1) desc, id`,
        )
      ).map((r) => r.keyword);
    // More than the prefix probe reads (walked in volume order), then a few (sorted).
    for (const q of ['planner', 'planner weekly']) {
      const expected = (await prefixed(q)).slice(0, 120);
      const seen: string[] = [];
      let cursor: string | undefined;
      while (seen.length < expected.length) {
        const page = await search(q, { limit: 40, cursor });
        seen.push(...page.data.filter((k) => k.relevance === 2000).map((k) => k.keyword));
        cursor = page.nextCursor ?? undefined;
        if (!cursor) break;
      }
      expect(seen.slice(0, expected.length)).toEqual(expected);
    }
    expect((await prefixed('planner')).length).toBeGreaterThan(2000);
  });

  it('answers a first page in one call (searchHead) as the tiers one by one do', async () => {
    await queryRows(
      handle.db,
      sql`insert into keyword_data (keyword, platform, search_volume, source) values
        ('café mocha', 'etsy', 70, 'sandbox'), ('café mocha cup', 'etsy', 60, 'sandbox'),
        (${'café mocha 😀'}, 'etsy', 50, 'sandbox'), ('cafê mocha', 'etsy', 90, 'sandbox'),
        ('mug café', 'etsy', 5, 'sandbox')`,
    );
    const queries = ['planner', 'planner weekly', 'planner weekly h1', 'weekly planner', 'café'];
    for (const q of [...queries, 'café mocha', 'caf', 'weekyl planner', 'qxzvkj'])
      for (const limit of [2, 5, 50]) {
        // A filter every keyword here passes sends the first page through the tiers one by one.
        const oneByOne = await search(q, { limit, minVolume: 0 });
        const head = await search(q, { limit });
        expect(head.data.map((k) => [k.keyword, k.relevance])).toEqual(
          oneByOne.data.map((k) => [k.keyword, k.relevance]),
        );
        expect(Boolean(head.nextCursor)).toBe(Boolean(oneByOne.nextCursor));
      }
    expect((await search('café', { limit: 5 })).data.map((k) => [k.keyword, k.relevance])).toEqual([
      ['café mocha', 2000],
      ['café mocha cup', 2000],
      ['café mocha 😀', 2000],
      ['mug café', 1500],
    ]);
  });

  it('filters the few keywords starting with the query before sorting them', async () => {
    const { data } = await search('planner weekly', { minVolume: 500002 });
    expect(data.map((k) => k.keyword)).toEqual(['planner weekly h3', 'planner weekly h2']);
  });

  it('finds the keywords holding three or more words through their pairs, in any script', async () => {
    // Words whose UTF-16 order differs from their byte order: the query's pairs must be the
    // index's (keyword_pairs, "C" collation).
    await queryRows(
      handle.db,
      sql`insert into keyword_data (keyword, platform, search_volume, source) values
        (${'mug \uFFFD tea 😀 cup'}, 'etsy', 30, 'sandbox'), (${'😀 cup tea \uFFFD'}, 'etsy', 20, 'sandbox'),
        (${'😀 cup \uFFFD'}, 'etsy', 10, 'sandbox')`,
    );
    const [row] = await queryRows<{ pairs: string[] }>(
      handle.db,
      sql`select keyword_pairs(${'mug \uFFFD tea 😀 cup'}) as pairs`,
    );
    for (const pair of wordPairs(['tea', '😀', 'cup', '\uFFFD']))
      expect(row?.pairs).toContain(pair);
    const { data } = await search('tea \uFFFD cup 😀');
    expect(data.map((k) => [k.keyword, k.relevance])).toEqual([
      ['mug \uFFFD tea 😀 cup', 1500],
      ['😀 cup tea \uFFFD', 1500],
    ]);
  });

  it('walks in volume order when more keywords hold the words than the pairs probe sorts', async () => {
    await queryRows(
      handle.db,
      sql`insert into keyword_data (keyword, platform, search_volume, source)
        select 'daily tracker z' || i, 'etsy', 1000 + (i % 700), 'sandbox'
        from generate_series(1, ${PAIRS_PROBE + 100}) i`,
    );
    const truthOf = async (words: string[]) =>
      (
        await queryRows<{ keyword: string }>(
          handle.db,
          sql`select keyword from keyword_data where platform = 'etsy' and marketplace = 'US'
            and string_to_array(keyword, ' ') @> ${sql.param(words)}::text[]
            order by coalesce(search_volume, -1) desc, id`,
        )
      ).map((r) => r.keyword);
    const expected = (await truthOf(['tracker', 'daily'])).slice(0, 150);
    const seen: string[] = [];
    let cursor: string | undefined;
    while (seen.length < expected.length) {
      const page = await search('tracker daily', { limit: 50, cursor });
      seen.push(...page.data.map((k) => k.keyword));
      cursor = page.nextCursor ?? undefined;
      if (!cursor) break;
    }
    expect(seen.slice(0, expected.length)).toEqual(expected);
    // Filtered: the keywords of the highest volume, 1699 (one in 700), all on one page.
    const { data } = await search('tracker daily', { minVolume: 1699 });
    const top = await queryRows<{ keyword: string }>(
      handle.db,
      sql`select keyword from keyword_data where keyword like 'daily tracker z%' and search_volume >= 1699
        order by id`,
    );
    expect(top.length).toBeGreaterThan(1);
    expect(data.map((k) => k.keyword)).toEqual(top.map((r) => r.keyword));
  });

  it('finds every keyword holding the words, most searched first', async () => {
    const expected = await truth();
    expect(expected).toHaveLength(TOGETHER_HIGH + TOGETHER_LOW);
    const { data, nextCursor } = await search('weekly planner');
    expect(data.map((k) => k.keyword)).toEqual(expected);
    expect(data.every((k) => k.relevance === 1500 && k.platform === 'etsy')).toBe(true);
    expect(nextCursor).toBeNull();
  });

  it('pages through them, each keyword once', async () => {
    expect(await everyPage('weekly planner', 2)).toEqual(await truth());
  });

  it('applies the filters within the tier', async () => {
    const { data } = await search('weekly planner', { maxVolume: 4 });
    expect(data.map((k) => k.keyword)).toEqual([
      'weekly c4 planner',
      'weekly c3 planner',
      'weekly c2 planner',
      'weekly c1 planner',
    ]);
  });

  it('corrects unknown words when nothing matches, one relevance below the exact tiers, paged', async () => {
    const { data } = await search('weekyl planner');
    expect(data.map((k) => k.keyword)).toEqual(await truth());
    const relevance = data[0]?.relevance ?? 0;
    expect(relevance).toBeGreaterThan(0);
    expect(relevance).toBeLessThan(1000);
    expect(data.every((k) => k.relevance === relevance)).toBe(true);
    expect(await everyPage('weekyl planner', 4)).toEqual(data.map((k) => k.keyword));
    // A word no keyword of the platform holds, nor anything like it: nothing, not an error.
    expect((await search('qxzvkj')).data).toEqual([]);
    // Words close to known ones, but the corrected query ("weekly planner") too far from it.
    expect((await search('wee plan')).data).toEqual([]);
  });

  it('learns the words of new keywords for typo correction', async () => {
    expect((await search('zebrafsh')).data).toEqual([]);
    await queryRows(
      handle.db,
      sql`insert into keyword_data (keyword, platform, search_volume, source)
        values ('zebrafish coloring page', 'etsy', 40, 'sandbox')`,
    );
    expect((await search('zebrafsh')).data.map((k) => k.keyword)).toEqual([
      'zebrafish coloring page',
    ]);
    // Renamed keywords bring their words too.
    await queryRows(
      handle.db,
      sql`update keyword_data set keyword = 'quokka coloring page' where keyword = 'zebrafish coloring page'`,
    );
    expect((await search('quoka coloring')).data.map((k) => k.keyword)).toEqual([
      'quokka coloring page',
    ]);
  });

  it('follows a new volume: a keyword moves in the order of the words it holds', async () => {
    await queryRows(
      handle.db,
      sql`update keyword_data set search_volume = 9000000 where keyword = 'weekly c2 planner'`,
    );
    const { data } = await search('weekly planner');
    expect(data[0]?.keyword).toBe('weekly c2 planner');
    expect(data.map((k) => k.keyword)).toEqual(await truth());
    expect(await everyPage('weekly planner', 3)).toEqual(await truth());
  });

  it('reads many keywords holding the words band by volume band, in the exact order, paged', async () => {
    // Volumes over many bands, with ties, nulls and zeros.
    await queryRows(
      handle.db,
      sql`insert into keyword_data (keyword, platform, search_volume, source)
        select 'gift tag n' || i || case when i % 3 = 0 then ' holiday' else ' holiday season' end, 'etsy',
          case when i % 37 = 0 then null when i % 41 = 0 then 0 else (i * 7919) % 5000 end, 'sandbox'
        from generate_series(1, 600) i`,
    );
    const truthOf = async (words: string[], where = sql`true`) =>
      (
        await queryRows<{ keyword: string }>(
          handle.db,
          sql`select keyword from keyword_data where platform = 'etsy' and marketplace = 'US'
            and string_to_array(keyword, ' ') @> ${sql.param(words)}::text[] and ${where}
            order by coalesce(search_volume, -1) desc, id`,
        )
      ).map((r) => r.keyword);
    for (const [q, words] of [
      ['holiday gift', ['holiday', 'gift']],
      ['season holiday tag', ['season', 'holiday', 'tag']],
    ] as const) {
      const expected = await truthOf([...words]);
      expect(expected.length).toBeGreaterThan(300);
      for (const limit of [7, 50]) expect(await everyPage(q, limit)).toEqual(expected);
      // Filtered, through the bounded probe: the keywords with a volume.
      const filtered = await search(q, { limit: 50, minVolume: 0 });
      expect(filtered.data.map((k) => k.keyword)).toEqual(
        (await truthOf([...words], sql`search_volume >= 0`)).slice(0, 50),
      );
    }
    // A new volume moves a keyword to its new band.
    await queryRows(
      handle.db,
      sql`update keyword_data set search_volume = 4000000 where keyword = 'gift tag n37 holiday season'`,
    );
    const { data } = await search('holiday gift', { limit: 3 });
    expect(data.map((k) => k.keyword)).toEqual((await truthOf(['holiday', 'gift'])).slice(0, 3));
    expect(data[0]?.keyword).toBe('gift tag n37 holiday season');
  });
});
