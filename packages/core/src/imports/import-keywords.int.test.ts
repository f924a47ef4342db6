import { readFileSync } from 'node:fs';
import { type DbHandle, queryRows, sql } from '@digitallz/db';
import { createTestDb, testDbKinds } from '@digitallz/db/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { importKeywords } from './import-keywords';

const fixture = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../../test-fixtures/imports/${name}`, import.meta.url)));

describe.each(testDbKinds())('importKeywords on %s', (kind) => {
  let handle: DbHandle;
  afterEach(() => handle.close());

  it('stores the readable rows, makes their keywords known and reports the bad ones', async () => {
    handle = await createTestDb(kind);
    const result = await importKeywords(
      { db: handle.db },
      { kind: 'csv', bytes: fixture('keyword_platform_volume.csv'), filename: 'mine.csv' },
    );
    expect(result).toMatchObject({ kind: 'csv', imported: 3, skippedCount: 3 });
    expect(result.skipped.map((s) => s.line)).toEqual([4, 5, 7]);
    const metrics = await queryRows<{ keyword: string; platform: string; volume: number }>(
      handle.db,
      sql`select keyword, platform, volume from imported_metrics order by line`,
    );
    expect(metrics).toEqual([
      { keyword: 'wedding invitation template', platform: 'etsy', volume: 5_400 },
      { keyword: 'boho planner', platform: 'amazon', volume: 880 },
      { keyword: 'teacher planner', platform: 'ebay', volume: 320 },
    ]);
    const known = await queryRows<{ keyword: string; source: string }>(
      handle.db,
      sql`select keyword, source from keyword_data order by keyword`,
    );
    expect(known).toEqual([
      { keyword: 'boho planner', source: 'import' },
      { keyword: 'teacher planner', source: 'import' },
      { keyword: 'wedding invitation template', source: 'import' },
    ]);
  });

  it('keeps Keyword Planner figures as web-search calibration data only', async () => {
    handle = await createTestDb(kind);
    const result = await importKeywords(
      { db: handle.db },
      { kind: 'keyword-planner', bytes: fixture('keyword_planner_keyword_stats_utf16.tsv') },
    );
    expect(result.imported).toBe(4);
    const [row] = await queryRows<{ n: number; known: number }>(
      handle.db,
      sql`select (select count(*) from imported_metrics where platform = 'google')::int as n,
                 (select count(*) from keyword_data)::int as known`,
    );
    expect(row).toEqual({ n: 4, known: 0 });
  });

  it('writes nothing for a file that is not what it claims, or when a write fails', async () => {
    handle = await createTestDb(kind);
    await expect(
      importKeywords(
        { db: handle.db },
        { kind: 'brand-analytics', bytes: fixture('keyword_platform_volume.csv') },
      ),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await handle.db.execute(
      sql`alter table keyword_data add constraint no_boho check (keyword <> 'boho planner')`,
    );
    await expect(
      importKeywords(
        { db: handle.db },
        { kind: 'csv', bytes: fixture('keyword_platform_volume.csv') },
      ),
    ).rejects.toThrow();
    const [row] = await queryRows<{ imports: number; metrics: number }>(
      handle.db,
      sql`select (select count(*) from keyword_imports)::int as imports, (select count(*) from imported_metrics)::int as metrics`,
    );
    expect(row).toEqual({ imports: 0, metrics: 0 });
  });

  it('writes nothing when a binary part turns up after rows were written, or no row is usable', async () => {
    handle = await createTestDb(kind);
    // 3,000 good rows (over two batches, and past the first 64 KB piece), then a NUL byte.
    const lines = Array.from({ length: 3_000 }, (_, i) => `wedding planner ${i},etsy,${i}`);
    const binaryLate = new TextEncoder().encode(
      `keyword,platform,volume\n${lines.join('\n')}\nbad\u0000row,etsy,1\n`,
    );
    await expect(
      importKeywords({ db: handle.db }, { kind: 'csv', bytes: binaryLate }),
    ).rejects.toThrow(/binary/);
    // Every row readable but every keyword too long: refused, as a file of which nothing reads.
    const tooLong = new TextEncoder().encode(
      `keyword,platform,volume\n${'x'.repeat(201)},etsy,5\n`,
    );
    await expect(
      importKeywords({ db: handle.db }, { kind: 'csv', bytes: tooLong }),
    ).rejects.toThrow(/No row of this file could be read; first problem: line 2: keyword longer/);
    const [row] = await queryRows<{ imports: number; metrics: number; keywords: number }>(
      handle.db,
      sql`select (select count(*) from keyword_imports)::int as imports,
        (select count(*) from imported_metrics)::int as metrics,
        (select count(*) from keyword_data where keyword like 'wedding planner %')::int as keywords`,
    );
    expect(row).toEqual({ imports: 0, metrics: 0, keywords: 0 });
  });
});
