import { type DbHandle, keywordData, queryRows, sql } from '@digitallz/db';
import { createTestDb, testDbKinds } from '@digitallz/db/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { seedDemo } from './seed-demo';

const asOf = new Date('2026-11-24T12:00:00Z');

describe.each(testDbKinds())('seedDemo on %s', (kind) => {
  let handle: DbHandle;
  afterEach(() => handle.close());

  const counts = async () => {
    const [row] = await queryRows<{ keywords: number; observations: number }>(
      handle.db,
      sql`select (select count(*) from keyword_data)::int as keywords,
                 (select count(*) from keyword_observations)::int as observations`,
    );
    return row;
  };

  it('loads keywords with their weekly series, once', async () => {
    handle = await createTestDb(kind);
    const first = await seedDemo({ db: handle.db, asOf, keywords: 100 });
    expect(first.seeded).toBe(true);
    expect(await counts()).toEqual({ keywords: first.keywords, observations: first.keywords * 52 });
    const second = await seedDemo({ db: handle.db, asOf, keywords: 100 });
    expect(second.seeded).toBe(false);
    expect(await counts()).toEqual({ keywords: first.keywords, observations: first.keywords * 52 });
  });

  it('replaces the demo rows with force', async () => {
    handle = await createTestDb(kind);
    await seedDemo({ db: handle.db, asOf, keywords: 100 });
    const again = await seedDemo({ db: handle.db, asOf, keywords: 50, force: true });
    expect(await counts()).toEqual({ keywords: again.keywords, observations: again.keywords * 52 });
  });

  it('writes nothing when it fails half-way', async () => {
    handle = await createTestDb(kind);
    await handle.db.execute(
      sql`alter table keyword_observations add constraint fail_late check (period_start < '2026-06-01')`,
    );
    await expect(seedDemo({ db: handle.db, asOf, keywords: 100 })).rejects.toThrow();
    expect(await handle.db.select().from(keywordData)).toEqual([]);
  });
});
