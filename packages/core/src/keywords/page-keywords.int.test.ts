import { POPULAR_SORTS } from '@digitallz/contracts';
import { type Db, type DbHandle, queryRows, type SQL, sql } from '@digitallz/db';
import { createTestDb, testDbKinds } from '@digitallz/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../demo/seed-demo';
import type { PagePosition } from './page-cursor';
import { allKeywords, type KeywordPageRows, type KeywordSort, pageKeywords } from './page-keywords';
import { type Sparse, walks } from './sparse-page';

describe.each(testDbKinds())('allKeywords on %s', (kind) => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await createTestDb(kind);
    await seedDemo({ db: handle.db, asOf: new Date('2026-11-24T00:00:00Z'), keywords: 300 });
  });
  afterAll(() => handle.close());

  it('streams every row page by page, in order, without repeats, up to the cap', async () => {
    const where = sql`k.platform = 'etsy'`;
    const streamed: { id: string; search_volume: number | null }[] = [];
    for await (const row of allKeywords(handle.db, { where, sort: 'volume', max: 1e6 }, 7))
      streamed.push(row);
    const expected = await queryRows<{ id: string }>(
      handle.db,
      sql`select id::text as id from keyword_data where platform = 'etsy' order by coalesce(search_volume, -1) desc, keyword_data.id`,
    );
    expect(streamed.length).toBeGreaterThan(21);
    expect(streamed.map((r) => r.id)).toEqual(expected.map((r) => r.id));

    const capped = [];
    for await (const row of allKeywords(handle.db, { where, sort: 'volume', max: 10 }, 7))
      capped.push(row.id);
    expect(capped).toEqual(expected.slice(0, 10).map((r) => r.id));
  });
});

describe.each(testDbKinds())('pageKeywords with a sparse where on %s', (kind) => {
  let handle: DbHandle;
  let statements = 0;
  let db: Db;
  beforeAll(async () => {
    handle = await createTestDb(kind);
    await seedDemo({ db: handle.db, asOf: new Date('2026-11-24T00:00:00Z'), keywords: 300 });
    // Two in three keywords trending (the demo's seeding computes no trend), with ties.
    await handle.db.execute(sql`update keyword_data set trend_data = jsonb_build_object('trendingNow',
      jsonb_build_object('trending', true, 'recentGrowthPct', id % 17)) where id % 3 <> 1`);
    // Counts the statements a page sends: which way it read its rows.
    db = new Proxy(handle.db, {
      get(target, property, receiver) {
        if (property === 'execute')
          return (query: SQL) => {
            statements++;
            return target.execute(query);
          };
        return Reflect.get(target, property, receiver);
      },
    });
  });
  afterAll(() => handle.close());

  const scope = sql`k.platform = 'etsy'`;
  /** Every page of `where`, 7 rows at a time, and the statements each page took. */
  const pages = async (where: SQL, sort: KeywordSort, sparse?: Omit<Sparse, 'scope'>) => {
    const ids: string[] = [];
    const counts: number[] = [];
    let after: PagePosition | null = null;
    do {
      statements = 0;
      const page: KeywordPageRows = await pageKeywords(db, {
        where: sql`${scope} and ${where}`,
        sort,
        limit: 7,
        after,
        sparse: sparse && { scope, ...sparse },
      });
      ids.push(...page.rows.map((row) => row.id));
      counts.push(statements);
      after = page.next;
    } while (after);
    return { ids, counts };
  };
  /** Few keywords of the platform: one in nine. */
  const few = sql`k.id % 9 = 0`;
  const every = sql`true`;

  it.each(POPULAR_SORTS)(
    'gives the rows and order of the plain read, sorted by %s',
    async (sort) => {
      const expectedFew = (await pages(few, sort)).ids;
      const expectedAll = (await pages(every, sort)).ids;
      expect(expectedAll.length).toBeGreaterThan(50);
      expect(expectedFew.length).toBeGreaterThan(14);
      // As the planner would read them: the plan asked, then the page (two statements).
      const asked = await pages(few, sort, {});
      expect(asked).toEqual({ ids: expectedFew, counts: asked.counts.map(() => 2) });
      // Walked whatever the plan, the budget holding the whole platform: one statement a page.
      const whole = await pages(few, sort, { explain: false });
      expect(whole).toEqual({ ids: expectedFew, counts: whole.counts.map(() => 1) });
      // A budget of 5 entries: the matches are read another way (a second statement).
      const past = await pages(few, sort, { explain: false, walkBudget: 5 });
      expect(past.ids).toEqual(expectedFew);
      expect(past.counts.slice(0, 2)).toEqual([2, 2]);
      // Every keyword matches: a page fills within the budget.
      const dense = await pages(every, sort, { explain: false, walkBudget: 50 });
      expect(dense.ids).toEqual(expectedAll);
      expect(dense.counts.slice(0, 3)).toEqual([1, 1, 1]);
      // A phrase walks before the planner is asked: a page that fills needs no plan.
      const phrase = await pages(every, sort, { phrase: true });
      expect(phrase.ids).toEqual(expectedAll);
      expect(phrase.counts.slice(0, 3)).toEqual([1, 1, 1]);
      const fewPhrase = await pages(few, sort, { phrase: true, walkBudget: 5 });
      expect(fewPhrase.ids).toEqual(expectedFew);
      expect(fewPhrase.counts[0]).toBeGreaterThanOrEqual(3);
      // Every fifth keyword in the sort's order: the first fifth of a budget of 100 entries holds
      // 4 of the page's 8, which say it lies within 40; the walk goes on there, without the plan.
      const spaced = expectedAll.filter((_, i) => i % 5 === 4);
      const fifth = sql`k.id = any(${sql.param(spaced)}::bigint[])`;
      const further = await pages(fifth, sort, { phrase: true, walkBudget: 100 });
      expect(further.ids).toEqual(spaced);
      expect(further.counts[0]).toBe(2);
    },
  );
});

describe.each(testDbKinds())('the planner asked on %s', (kind) => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await createTestDb(kind);
  });
  afterAll(() => handle.close());

  it('tells a read in an index’s order from one that sorts', async () => {
    expect(await walks(handle.db, sql`select id from keyword_data order by id limit 5`)).toBe(true);
    expect(
      await walks(handle.db, sql`select id from keyword_data order by keyword || 'x' limit 5`),
    ).toBe(false);
  });
});
