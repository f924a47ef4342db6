import { queryRows, sql } from '@digitallz/db';
import { createTestDb, testDbKinds } from '@digitallz/db/testing';
import { describe, expect, it } from 'vitest';
import { createSearchHistory, type SearchEntry } from './search-history';

const entry = (keyword: string): SearchEntry => ({
  userId: null,
  keyword,
  platform: 'etsy',
  marketplace: 'US',
  resultCount: 3,
  at: new Date('2026-12-01T10:00:00Z'),
});

const stored = async (db: Parameters<typeof queryRows>[0]) =>
  (
    await queryRows<{ keyword: string }>(
      db,
      sql`select keyword from keyword_searches order by created_at, keyword`,
    )
  ).map((r) => r.keyword);

describe.each(testDbKinds())('search history on %s', (kind) => {
  it('keeps what a failed write held and writes it with the next entries', async () => {
    const handle = await createTestDb(kind);
    const errors: unknown[] = [];
    const history = createSearchHistory(handle.db, {
      intervalMs: 60_000,
      onError: (e) => errors.push(e),
    });
    // The table gone for a while stands for a database that cannot be written.
    await handle.db.execute(sql`alter table keyword_searches rename to keyword_searches_away`);
    history.record(entry('planner'));
    history.record(entry('svg'));
    await history.flush();
    expect(errors).toHaveLength(1);
    await handle.db.execute(sql`alter table keyword_searches_away rename to keyword_searches`);
    history.record(entry('wedding'));
    await history.close();
    expect(await stored(handle.db)).toEqual(['planner', 'svg', 'wedding']);
    await handle.close();
  });

  it('keeps at most maxKept entries while writes fail, dropping the oldest', async () => {
    const handle = await createTestDb(kind);
    const history = createSearchHistory(handle.db, { intervalMs: 60_000, maxKept: 2 });
    await handle.db.execute(sql`alter table keyword_searches rename to keyword_searches_away`);
    for (const keyword of ['a', 'b', 'c']) history.record(entry(keyword));
    await history.flush();
    await handle.db.execute(sql`alter table keyword_searches_away rename to keyword_searches`);
    await history.close();
    expect(await stored(handle.db)).toEqual(['b', 'c']);
    await handle.close();
  });
});
