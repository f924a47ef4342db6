import { readFileSync } from 'node:fs';
import { createInProcessRunner, dataVersion } from '@digitallz/core';
import { createTestCache } from '@digitallz/core/testing';
import { type DbHandle, queryRows, sql } from '@digitallz/db';
import { createTestDb, testDbKinds } from '@digitallz/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from './app';
import { signUpUser, type TestUser } from './test-helpers';

const fixture = (name: string) =>
  readFileSync(new URL(`../../../packages/core/test-fixtures/imports/${name}`, import.meta.url));

describe.each(testDbKinds())('POST /api/v1/imports on %s', (kind) => {
  let database: DbHandle;
  let app: App;
  let user: TestUser;

  beforeAll(async () => {
    database = await createTestDb(kind);
    const cache = createTestCache('memory');
    const jobs = createInProcessRunner({
      deps: { db: database.db, cache, clock: () => new Date() },
    });
    app = await buildApp({ database, cache, jobs });
    user = await signUpUser(app, { plan: 'business' });
  });
  afterAll(async () => {
    await app.close();
    await app.deps.cache.close();
    await database.close();
  });

  const upload = (query: string, body: Buffer | string, type = 'text/csv') =>
    app.inject({
      method: 'POST',
      url: `/api/v1/imports?${query}`,
      payload: body,
      headers: { ...user.headers, 'content-type': type },
    });

  it('imports a Keyword Planner export sent as UTF-16 bytes, reporting skipped lines', async () => {
    const res = await upload(
      'kind=keyword-planner',
      fixture('keyword_planner_keyword_stats_utf16.tsv'),
      'application/octet-stream',
    );
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      kind: 'keyword-planner',
      imported: 4,
      skippedCount: 2,
      skipped: [{ line: 7, message: 'empty keyword' }, { line: 8 }],
    });
  });

  it('imports a Brand Analytics report for a marketplace', async () => {
    const res = await upload(
      'kind=brand-analytics&marketplace=uk',
      fixture('US_Top_Search_Terms_Simple_Week_2026_04_11_sample.csv'),
    );
    expect(res.statusCode).toBe(201);
    expect(res.json().imported).toBe(100);
    const [row] = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from keyword_data where platform = 'amazon' and marketplace = 'UK'`,
    );
    expect(row?.n).toBe(100);
  });

  it('moves the data version of the platforms imported, so cached searches show the new keywords', async () => {
    const before = await dataVersion(app.deps.cache, 'amazon');
    const res = await upload(
      'kind=brand-analytics&marketplace=de',
      fixture('US_Top_Search_Terms_Simple_Week_2026_04_11_sample.csv'),
    );
    expect(res.statusCode).toBe(201);
    expect(await dataVersion(app.deps.cache, 'amazon')).toBe(before + 1);
  });

  it('refuses bad requests with the error shape and writes nothing', async () => {
    const before = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from keyword_imports`,
    );
    const wrongKind = await upload('kind=brand-analytics', fixture('keyword_platform_volume.csv'));
    expect(wrongKind.statusCode).toBe(400);
    expect(wrongKind.json()).toEqual({
      error: {
        code: 'VALIDATION_FAILED',
        message: expect.stringContaining('not an Amazon Brand Analytics'),
      },
    });
    expect((await upload('kind=excel', 'x')).statusCode).toBe(400);
    expect((await upload('kind=csv', '')).json().error.code).toBe('VALIDATION_FAILED');
    const json = await upload('kind=csv', '{"a":1}', 'application/json');
    expect(json.statusCode).toBe(400);
    const after = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from keyword_imports`,
    );
    expect(after).toEqual(before);
  });
});
