import type { DbHandle } from '@digitallz/db';
import { queryRows, sql } from '@digitallz/db';
import { createTestDb, testDbKinds } from '@digitallz/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../demo/seed-demo';
import { loadKeyword } from './load-keyword';

describe.each(testDbKinds())('loadKeyword on %s', (kind) => {
  let handle: DbHandle;
  let keyword: string;
  const listings = [{ id: 'l1', title: 'Wedding planner printable', price: 4.5 }];
  beforeAll(async () => {
    handle = await createTestDb(kind);
    await seedDemo({ db: handle.db, asOf: new Date('2026-11-24T12:00:00Z'), keywords: 50 });
    const [row] = await queryRows<{ keyword: string }>(
      handle.db,
      sql`select k.keyword from keyword_data k
          where k.platform = 'etsy' and k.marketplace = 'US'
            and exists (select 1 from keyword_observations o where o.keyword_id = k.id)
          order by k.search_volume desc limit 1`,
    );
    keyword = row?.keyword ?? '';
    await handle.db.execute(
      sql`update keyword_data set top_listings = ${JSON.stringify(listings)}::jsonb
          where platform = 'etsy' and marketplace = 'US' and keyword = ${keyword}`,
    );
  });
  afterAll(async () => {
    await handle.close();
  });

  it('reads the weekly series or the top listings, never both', async () => {
    const target = { platform: 'etsy' as const, marketplace: 'US', keyword };
    const weekly = await loadKeyword(handle.db, target, 'weekly');
    expect(weekly.keyword).toBe(keyword);
    expect(weekly.weekly?.length).toBeGreaterThan(8);
    expect(weekly.top_listings).toBeNull();
    const shown = await loadKeyword(handle.db, target, 'listings');
    expect(shown.top_listings).toEqual(listings);
    expect(shown.weekly).toBeNull();
    expect({ ...shown, top_listings: null, weekly: null }).toEqual({
      ...weekly,
      top_listings: null,
      weekly: null,
    });
    await expect(
      loadKeyword(handle.db, { ...target, keyword: 'no such keyword here' }, 'weekly'),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
