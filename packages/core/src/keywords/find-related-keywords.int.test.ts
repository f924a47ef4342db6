import { createDb, type DbHandle, queryRows, sql } from '@digitallz/db';
import { createTestDb, testDbKinds } from '@digitallz/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCache } from '../cache';
import { containing, findRelatedKeywords, RELATED_SHARED } from './find-related-keywords';
import { getListingHelp } from './get-listing-help';

describe('containing', () => {
  it('keeps one pattern per word that holds no other, LIKE wildcards escaped', () => {
    expect(containing(['planner', 'planners', 'cat', 'cats'])).toEqual(['%planner%', '%cat%']);
    expect(containing(['100%', '100%s', 'a_b', 'a\\b'])).toEqual([
      '%100\\%%',
      '%a\\_b%',
      '%a\\\\b%',
    ]);
  });
});

/**
 * The candidates of related keywords are the most searched keywords holding one of the seed's
 * words (or its plural or singular) as a word: a keyword that holds one only inside another word
 * is not one, whatever the substring test before the word test lets through.
 */
describe.each(testDbKinds())('related keywords candidates on %s', (kind) => {
  let handle: DbHandle;
  const related = async (keyword: string) =>
    (
      await findRelatedKeywords(
        { db: handle.db, cache: createCache() },
        { platform: 'etsy', marketplace: 'US', keyword, limit: 50 },
      )
    ).data
      .map((r) => r.keyword)
      .sort();

  beforeAll(async () => {
    handle = await createTestDb(kind);
    const keywords = [
      'cats birthday card',
      'cat mug',
      'catalog design',
      'weekly planners',
      'planner stickers',
      'multiplanner app',
      '100% cotton tote',
      '1000 piece puzzle',
      'a_b test sheet',
      'axb test sheet',
      'a\\b notes',
      'ab notes',
    ];
    for (const [i, keyword] of keywords.entries())
      await queryRows(
        handle.db,
        sql`insert into keyword_data (keyword, platform, search_volume, source)
          values (${keyword}, 'etsy', ${1000 - i}, 'sandbox')`,
      );
  });
  afterAll(() => handle.close());

  it('finds keywords holding a word of the seed, its plural or singular, and no others', async () => {
    expect(await related('cat planner')).toEqual([
      'cat mug',
      'cats birthday card',
      'planner stickers',
      'weekly planners',
    ]);
    expect(await related('cats')).toEqual(['cat mug', 'cats birthday card']);
  });

  it('matches words holding LIKE wildcards literally', async () => {
    expect(await related('100% organic')).toEqual(['100% cotton tote']);
    expect(await related('a_b')).toEqual(['a_b test sheet']);
    expect(await related('a\\b')).toEqual(['a\\b notes']);
  });

  it("reads the candidates once for every limit: the page's related keywords, then its listing help", async () => {
    const cache = createCache();
    const target = { platform: 'etsy' as const, marketplace: 'US', keyword: 'cat planner' };
    const few = await findRelatedKeywords({ db: handle.db, cache }, { ...target, limit: 2 });
    expect(few.data).toHaveLength(2);
    expect(few.clusters.flatMap((c) => c.keywords).sort()).toEqual(
      few.data.map((r) => r.keyword).sort(),
    );
    // A database that is not there: only what the first read kept can answer.
    const unreachable = await createDb({ url: 'postgres://postgres@127.0.0.1:1/none' });
    try {
      const all = await findRelatedKeywords(
        { db: unreachable.db, cache },
        { ...target, limit: 50 },
      );
      expect(all.data.slice(0, 2)).toEqual(few.data);
      expect(all.data).toHaveLength(4);
      const help = await getListingHelp({ db: unreachable.db, cache }, target);
      expect(help.basedOn[0]).toBe('cat planner');
      // More than the shared list holds: a read of its own.
      await expect(
        findRelatedKeywords(
          { db: unreachable.db, cache },
          { ...target, limit: RELATED_SHARED + 1 },
        ),
      ).rejects.toThrow();
    } finally {
      await unreachable.close();
      await cache.close();
    }
  });
});
