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

describe.each(testDbKinds())('/api/v1/imports on %s', (kind) => {
  let database: DbHandle;
  let app: App;
  let user: TestUser;
  let other: TestUser;
  let jobs: ReturnType<typeof createInProcessRunner>;

  beforeAll(async () => {
    database = await createTestDb(kind);
    const cache = createTestCache('memory');
    jobs = createInProcessRunner({
      deps: { db: database.db, cache, clock: () => new Date() },
    });
    app = await buildApp({ database, cache, jobs });
    user = await signUpUser(app, { plan: 'business' });
    other = await signUpUser(app, { plan: 'business' });
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
  /** The import once its job has run. */
  const finished = async (res: { json(): { path: string } }) => {
    await jobs.idle();
    return (await app.inject({ url: res.json().path, headers: user.headers })).json();
  };

  it('imports a Keyword Planner export sent as UTF-16 bytes, reporting skipped lines', async () => {
    const res = await upload(
      'kind=keyword-planner',
      fixture('keyword_planner_keyword_stats_utf16.tsv'),
      'application/octet-stream',
    );
    expect(res.statusCode).toBe(202);
    expect(res.headers.location).toBe(res.json().path);
    expect(res.json()).toMatchObject({ kind: 'keyword-planner', status: 'queued', progress: 0 });
    expect(await finished(res)).toMatchObject({
      kind: 'keyword-planner',
      status: 'completed',
      progress: 100,
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
    expect(res.statusCode).toBe(202);
    expect((await finished(res)).imported).toBe(100);
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
    expect(res.statusCode).toBe(202);
    expect((await finished(res)).status).toBe('completed');
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

  it('fails an import found unreadable after it was accepted, and says why', async () => {
    const res = await upload('kind=csv', 'keyword,platform,volume\nx,mars,1\n');
    expect(res.statusCode).toBe(202);
    expect(await finished(res)).toMatchObject({
      status: 'failed',
      imported: 0,
      error: {
        code: 'VALIDATION_FAILED',
        message: expect.stringContaining('No row of this file could be read'),
        details: [{ line: 2 }],
      },
    });
  });

  it("lists the user's imports newest first, a page at a time, and hides other users'", async () => {
    const first = (await upload('kind=csv', 'keyword,platform,volume\na,etsy,1\n')).json();
    const second = (await upload('kind=csv', 'keyword,platform,volume\nb,etsy,2\n')).json();
    await jobs.idle();
    const page = await app.inject({ url: '/api/v1/imports?limit=1', headers: user.headers });
    expect(page.statusCode).toBe(200);
    expect(page.json().data.map((i: { id: number }) => i.id)).toEqual([second.id]);
    const next = await app.inject({
      url: `/api/v1/imports?limit=1&cursor=${page.json().nextCursor}`,
      headers: user.headers,
    });
    expect(next.json().data.map((i: { id: number }) => i.id)).toEqual([first.id]);
    const theirs = await app.inject({ url: '/api/v1/imports', headers: other.headers });
    expect(theirs.json()).toEqual({ data: [], nextCursor: null });
    const stolen = await app.inject({ url: first.path, headers: other.headers });
    expect(stolen.statusCode).toBe(404);
    expect(stolen.json().error.code).toBe('NOT_FOUND');
    for (const url of [
      '/api/v1/imports/abc',
      '/api/v1/imports/1e30',
      '/api/v1/imports/100000000000000000000',
      '/api/v1/imports?cursor=x',
      '/api/v1/imports?limit=0',
    ])
      expect((await app.inject({ url, headers: user.headers })).statusCode).toBe(400);
  });
});
