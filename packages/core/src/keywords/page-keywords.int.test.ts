import { POPULAR_SORTS } from '@digitallz/contracts';
import { type Db, type DbHandle, queryRows, type SQL, sql, sqlText } from '@digitallz/db';
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
  let db: Db;
  /** What each statement of a page was: the plan asked, a bounded walk, a read, or one fenced. */
  let sent: string[] = [];
  beforeAll(async () => {
    handle = await createTestDb(kind);
    await seedDemo({ db: handle.db, asOf: new Date('2026-11-24T00:00:00Z'), keywords: 300 });
    // Two in three keywords trending (the demo's seeding computes no trend), with ties.
    await handle.db.execute(sql`update keyword_data set trend_data = jsonb_build_object('trendingNow',
      jsonb_build_object('trending', true, 'recentGrowthPct', id % 17)) where id % 3 <> 1`);
    db = new Proxy(handle.db, {
      get(target, property, receiver) {
        if (property === 'execute')
          return (query: SQL) => {
            const text = sqlText(query);
            const what = text.startsWith('explain')
              ? 'plan'
              : text.includes('walk_rank')
                ? 'walk'
                : text.includes('offset 0')
                  ? 'fenced'
                  : 'read';
            sent.push(what);
            return target.execute(query);
          };
        return Reflect.get(target, property, receiver);
      },
    });
  });
  afterAll(() => handle.close());

  const scope = sql`k.platform = 'etsy'`;
  /** Every page of `where`, 7 rows at a time, and the statements the first page sent. */
  const pages = async (where: SQL, sort: KeywordSort, sparse?: Omit<Sparse, 'scope'>) => {
    const ids: string[] = [];
    let first: string[] | undefined;
    let after: PagePosition | null = null;
    do {
      sent = [];
      const page: KeywordPageRows = await pageKeywords(db, {
        where: sql`${scope} and ${where}`,
        sort,
        limit: 7,
        after,
        sparse: sparse && { scope, ...sparse },
      });
      ids.push(...page.rows.map((row) => row.id));
      first ??= sent;
      after = page.next;
    } while (after);
    return { ids, first };
  };
  const every = sql`true`;

  it.each(POPULAR_SORTS)(
    'gives the rows and order of the plain read, sorted by %s',
    async (sort) => {
      const all = (await pages(every, sort)).ids;
      expect(all.length).toBeGreaterThan(50);
      /** Keywords at these places in the sort's order (0 first). */
      const at = (keep: (i: number) => boolean) => {
        const ids = all.filter((_, i) => keep(i));
        return { ids, where: sql`k.id = any(${sql.param(ids)}::bigint[])` };
      };
      const fifth = at((i) => i % 5 === 4);
      const last = at((i) => i >= all.length - 10);
      const expectPages = async (
        of: { ids: string[]; where: SQL },
        sparse: Omit<Sparse, 'scope'>,
        first: string[],
      ) => expect(await pages(of.where, sort, sparse)).toEqual({ ids: of.ids, first });

      // As the planner would read them (it sorts so few): the plan asked, then the page.
      await expectPages(fifth, {}, ['plan', 'read']);
      // Walked whatever the plan, the budget holding the whole platform.
      await expectPages(fifth, { explain: false }, ['walk']);
      // Every keyword: a page fills within the budget.
      await expectPages({ ids: all, where: every }, { explain: false, walkBudget: 50 }, ['walk']);
      // 10 entries hold 2 of the page's 8, which say it lies within 40: the walk goes on.
      await expectPages(fifth, { explain: false, walkBudget: 10 }, ['walk', 'walk']);
      // None in 10 entries: the matches are read another way, by their own indexes.
      await expectPages(last, { explain: false, walkBudget: 10 }, ['walk', 'fenced']);
      // None in 10 entries but all 10 hold the terms (the filters keep few of many): walked on.
      const terms = sql`true`;
      await expectPages(last, { explain: false, walkBudget: 10, terms }, ['walk', 'read']);
      // A phrase walks before the planner is asked: a page that fills needs no plan.
      await expectPages({ ids: all, where: every }, { phrase: true }, ['walk']);
      // The first fifth of a budget of 100 holds 4 of 8, which say the page lies within 40.
      await expectPages(fifth, { phrase: true, walkBudget: 100 }, ['walk', 'walk']);
      // None in the first fifth: the planner is asked (and sorts them).
      await expectPages(last, { phrase: true, walkBudget: 100 }, ['walk', 'plan', 'read']);
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
