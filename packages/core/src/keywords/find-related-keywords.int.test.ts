import { type DbHandle, queryRows, sql } from '@digitallz/db';
import { createTestDb, testDbKinds } from '@digitallz/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCache } from '../cache';
import { containing, findRelatedKeywords } from './find-related-keywords';

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
});
