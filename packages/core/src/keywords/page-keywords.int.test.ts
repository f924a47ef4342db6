import { type DbHandle, queryRows, sql } from '@digitallz/db';
import { createTestDb, testDbKinds } from '@digitallz/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../demo/seed-demo';
import { allKeywords } from './page-keywords';

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
