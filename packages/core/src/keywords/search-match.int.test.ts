import { type DbHandle, queryRows, sql } from '@digitallz/db';
import { createTestDb, testDbKinds } from '@digitallz/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../demo/seed-demo';
import { NO_FILTERS } from './keyword-filters';
import { matchingIds, matchingWhere } from './search-match';

describe.each(testDbKinds())('a sorted search’s candidates on %s', (kind) => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await createTestDb(kind);
    await seedDemo({ db: handle.db, asOf: new Date('2026-11-24T00:00:00Z'), keywords: 600 });
  });
  afterAll(() => handle.close());

  const target = (q: string) => ({ platform: 'etsy', marketplace: 'US', q, filters: NO_FILTERS });
  const distinct = (rows: { id: string }[]) => [...new Set(rows.map((r) => r.id))].sort();

  it.each([
    ['wedding', true], // starting with it, and holding it further on
    ['wedd', true], // starting with it only
    ['invitation', true], // holding it, mostly further on
    ['wedding invitation', true], // two words: through the pairs keys
    ['invitation for wedding', true], // a stop word left out
    ['nothing here', false],
    ['100% s_vg', false], // LIKE's wildcards, meant literally
  ])('are every keyword the search matches, for “%s”', async (q, some) => {
    const matching = await queryRows<{ id: string }>(
      handle.db,
      sql`select k.id::text as id from keyword_data k where ${matchingWhere(target(q))}`,
    );
    const ids = await queryRows<{ id: string }>(
      handle.db,
      sql`select f.id::text as id from (${matchingIds(target(q), 10_000)}) f`,
    );
    expect(distinct(ids)).toEqual(distinct(matching));
    expect(matching.length > 0).toBe(some);
  });

  it('limits each part to the limit given', async () => {
    const ids = await queryRows<{ id: string }>(
      handle.db,
      sql`select f.id::text as id from (${matchingIds(target('wedding'), 3)}) f`,
    );
    expect(ids.length).toBeLessThanOrEqual(6);
    expect(ids.length).toBeGreaterThanOrEqual(3);
  });
});
