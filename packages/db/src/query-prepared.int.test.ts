import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type DbHandle, queryPrepared, queryRows, sql } from './create-db';
import { createTestDb, testDbKinds } from './testing';

const lookup = (keyword: string) =>
  sql`select keyword, platform, search_volume from keyword_data
      where platform = ${'etsy'} and marketplace = ${'US'} and keyword = ${keyword}`;

describe.each(testDbKinds())('prepared statements on %s', (kind) => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await createTestDb(kind);
    await handle.db.execute(
      sql`insert into keyword_data (keyword, platform, marketplace, source, search_volume)
          values ('wedding invitation', 'etsy', 'US', 'demo', 1200), ('baby shower', 'etsy', 'US', 'demo', 800)`,
    );
  });
  afterAll(() => handle.close());

  it('answers as queryRows does, whatever the values, run after run', async () => {
    for (const keyword of ['wedding invitation', 'baby shower', 'absent', 'wedding invitation'])
      expect(await queryPrepared(handle.db, 'test-lookup', lookup(keyword))).toEqual(
        await queryRows(handle.db, lookup(keyword)),
      );
  });
});

describe.runIf(testDbKinds().includes('postgres'))('a prepared statement on PostgreSQL', () => {
  it('is parsed once per connection and kept there under its name', async () => {
    const handle = await createTestDb('postgres');
    // One connection, so that the catalog read below sees the session that prepared it.
    const one = await createDb({ url: handle.url, maxConnections: 1 });
    for (let i = 0; i < 3; i++) await queryPrepared(one.db, 'test-lookup', lookup('absent'));
    const prepared = await queryRows<{ name: string }>(
      one.db,
      sql`select name from pg_prepared_statements`,
    );
    expect(prepared.map((p) => p.name)).toEqual(['test-lookup']);
    await one.close();
    await handle.close();
  });
});
