import type { KeywordSearchQuery } from '@digitallz/contracts';
import { type DbHandle, queryRows, type SQL, sql } from '@digitallz/db';
import { createTestDb, testDbKinds } from '@digitallz/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCache } from '../cache';
import { findKeywords } from './find-keywords';
import { findByWords, WORDS_WALK_BUDGET } from './search-words';

/**
 * The words tier on more keywords than its walk reads: "planner" and "weekly" are each in more
 * than WORDS_WALK_BUDGET keywords, together in few, some of them among the most searched (found by
 * the walk), most among the least (found past the walk, through the words indexes).
 */
const COMMON = WORDS_WALK_BUDGET + 200;
const TOGETHER_HIGH = 3;
const TOGETHER_LOW = 6;

/** keyword_words rows that differ from what keyword_data says they should be (both ways). */
const drift = sql`
  with expected as (
    select k.platform, w.word, coalesce(k.search_volume, -1) as volume, k.id as keyword_id,
      keyword_words_signature(string_to_array(k.keyword, ' ')) as signature
    from keyword_data k, lateral (select distinct unnest(string_to_array(k.keyword, ' ')) as word) w)
  select count(*)::int as n from (
    (select * from expected except all select * from keyword_words)
    union all
    (select * from keyword_words except all select * from expected)) d`;

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
    // The search picks its driving word from these statistics: exercise that path too.
    await queryRows(handle.db, sql`analyze keyword_words`);
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

  it('finds every keyword holding the words, most searched first, past the walk too', async () => {
    const expected = await truth();
    expect(expected).toHaveLength(TOGETHER_HIGH + TOGETHER_LOW);
    const { data, nextCursor } = await search('weekly planner');
    expect(data.map((k) => k.keyword)).toEqual(expected);
    expect(data.every((k) => k.relevance === 1500 && k.platform === 'etsy')).toBe(true);
    expect(nextCursor).toBeNull();
  });

  it('pages across the walk and what lies past it, each keyword once', async () => {
    expect(await everyPage('weekly planner', 2)).toEqual(await truth());
  });

  it('gives the same rows however it runs: a long walk, a short walk and the rest, or no walk', async () => {
    const target = { platform: 'etsy', marketplace: 'US', q: 'weekly planner', filters: sql`true` };
    const match = {
      words: ['weekly', 'planner'],
      relevance: sql`1500`,
      except: sql`and k.keyword not like 'weekly planner%'`,
    };
    const expected = await truth();
    // A budget of 10: 51 / 0.5 keywords would fill a page, too many, so the indexes intersect.
    for (const budget of [100_000, 150, 10]) {
      const rows = await findByWords(handle.db, target, match, null, 51, budget);
      expect(rows.map((r) => r.keyword)).toEqual(expected);
      const after = {
        relevance: 1500,
        volume: rows[1]?.search_volume ?? 0,
        id: Number(rows[1]?.id),
      };
      const rest = await findByWords(handle.db, target, match, after, 51, budget);
      expect(rest.map((r) => r.keyword)).toEqual(expected.slice(2));
    }
  });

  it('applies the filters to both parts of the tier', async () => {
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
  });

  it('keeps keyword_words exact through inserts, volume updates, renames, deletes and truncation', async () => {
    expect((await queryRows<{ n: number }>(handle.db, drift))[0]?.n).toBe(0);
    await queryRows(
      handle.db,
      sql`update keyword_data set search_volume = 999999 where keyword = 'weekly c1 planner'`,
    );
    expect((await search('weekly planner')).data[0]?.keyword).toBe('weekly c1 planner');
    await queryRows(
      handle.db,
      sql`update keyword_data set search_volume = null, keyword = 'weekly weekly planner' where keyword = 'weekly c2 planner'`,
    );
    await queryRows(handle.db, sql`delete from keyword_data where keyword = 'planner weekly h1'`);
    await queryRows(
      handle.db,
      sql`insert into keyword_data (keyword, platform, search_volume, source)
        values ('weekly c2 planner', 'etsy', 7, 'sandbox')
        on conflict (platform, marketplace, keyword) do update set search_volume = excluded.search_volume`,
    );
    expect((await queryRows<{ n: number }>(handle.db, drift))[0]?.n).toBe(0);
    expect((await search('weekly planner')).data.map((k) => k.keyword)).toEqual(await truth());
    await queryRows(handle.db, sql`truncate keyword_data cascade`);
    expect(
      (
        await queryRows<{ n: number }>(handle.db, sql`select count(*)::int as n from keyword_words`)
      )[0]?.n,
    ).toBe(0);
  });
});
