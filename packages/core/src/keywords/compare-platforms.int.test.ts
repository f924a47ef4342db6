import { createDb, type DbHandle, queryRows, sql } from '@digitallz/db';
import { createTestDb, testDbKinds } from '@digitallz/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCache } from '../cache';
import { seedDemo } from '../demo/seed-demo';
import { comparePlatforms } from './compare-platforms';
import { bumpDataVersion } from './data-version';

describe.each(testDbKinds())('comparePlatforms on %s', (kind) => {
  let handle: DbHandle;
  let unreachable: DbHandle;
  beforeAll(async () => {
    handle = await createTestDb(kind);
    await seedDemo({ db: handle.db, asOf: new Date('2026-11-24T12:00:00Z'), keywords: 200 });
    // A real client of a server that is not there: every query fails to connect.
    unreachable = await createDb({ url: 'postgres://postgres@127.0.0.1:1/none' });
  });
  afterAll(async () => {
    await handle.close();
    await unreachable.close();
  });

  it('answers from before a platform moved while the database is unreachable', async () => {
    const cache = createCache();
    const [known] = await queryRows<{ keyword: string }>(
      handle.db,
      sql`select keyword from keyword_data where platform = 'etsy' and marketplace = 'US' limit 1`,
    );
    const query = { keyword: known?.keyword ?? '', marketplace: 'US' };
    await bumpDataVersion(cache, 'etsy');
    const answer = await comparePlatforms({ db: handle.db, cache }, query);
    expect(answer.platforms.some((p) => p.known)).toBe(true);
    await bumpDataVersion(cache, 'amazon');
    expect(await comparePlatforms({ db: unreachable.db, cache }, query)).toEqual(answer);
    // Two platforms moved since: nothing to fall back on, the failure stands.
    await bumpDataVersion(cache, 'ebay');
    await expect(comparePlatforms({ db: unreachable.db, cache }, query)).rejects.toThrow();
    await cache.close();
  });
});
