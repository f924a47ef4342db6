import { changeListKeywords, createInProcessRunner, createList, seedDemo } from '@digitallz/core';
import { createTestCache, testCacheKinds } from '@digitallz/core/testing';
import { type DbHandle, queryRows, sql } from '@digitallz/db';
import { createTestDb, testDbKinds } from '@digitallz/db/testing';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from './app';
import { signUpUser, type TestUser } from './test-helpers';

const asOf = new Date('2026-11-24T12:00:00Z');
const cacheKind = testCacheKinds().at(-1) ?? 'memory';

type Summary = {
  id: string;
  keyword: string;
  platform: string;
  searchVolume: number | null;
  yearlyChangePct: number | null;
};

describe.each(testDbKinds())('keyword lists on %s', (kind) => {
  let database: DbHandle;
  let app: App;
  let user: TestUser;
  let etsy: Summary[];

  beforeAll(async () => {
    database = await createTestDb(kind);
    await seedDemo({ db: database.db, asOf, keywords: 400 });
    const cache = createTestCache(cacheKind);
    const jobs = createInProcessRunner({ deps: { db: database.db, cache, clock: () => asOf } });
    app = await buildApp({ database, cache, jobs });
    user = await signUpUser(app, { plan: 'business' });
    etsy = (await get('/api/v1/keywords/popular?platform=etsy&limit=30')).json().data;
  });
  afterAll(async () => {
    await app.close();
    await app.deps.cache.close();
    await database.close();
  });

  const get = (url: string) => app.inject({ method: 'GET', url, headers: user.headers });
  const send = (method: 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
    app.inject({ method, url, payload, headers: user.headers });
  const refs = (keywords: Summary[]) =>
    keywords.map((k) => ({ platform: k.platform, keyword: k.keyword }));
  const newList = async (name: string) => (await send('POST', '/api/v1/lists', { name })).json();

  it('creates a list, adds keywords (unknown ones reported), and pages it sorted', async () => {
    const created = await send('POST', '/api/v1/lists', { name: '  Wedding ideas ' });
    expect(created.statusCode).toBe(201);
    const list = created.json();
    expect(list).toMatchObject({ name: 'Wedding ideas', keywordCount: 0, sharePath: null });

    const added = await send('POST', `/api/v1/lists/${list.id}/keywords`, {
      keywords: [...refs(etsy.slice(0, 20)), { platform: 'etsy', keyword: 'zz unknown kw' }],
    });
    expect(added.statusCode).toBe(200);
    expect(added.json()).toEqual({
      changed: 20,
      notFound: [{ platform: 'etsy', marketplace: 'US', keyword: 'zz unknown kw' }],
    });
    // Adding again changes nothing.
    const again = await send('POST', `/api/v1/lists/${list.id}/keywords`, {
      keywords: refs(etsy.slice(0, 5)),
    });
    expect(again.json().changed).toBe(0);

    const pages: Summary[] = [];
    let cursor: string | null = null;
    do {
      const res = await get(
        `/api/v1/lists/${list.id}?limit=6&sort=volume${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(res.statusCode).toBe(200);
      expect(res.json().list.keywordCount).toBe(20);
      pages.push(...res.json().data);
      cursor = res.json().nextCursor;
    } while (cursor);
    expect(pages.map((k) => k.id)).toEqual(etsy.slice(0, 20).map((k) => k.id));

    const lists = (await get('/api/v1/lists')).json().data;
    expect(lists.map((l: { id: string }) => l.id)).toContain(list.id);
  });

  it('removes keywords, renames and deletes', async () => {
    const list = await newList('To prune');
    await send('POST', `/api/v1/lists/${list.id}/keywords`, { keywords: refs(etsy.slice(0, 4)) });
    const removed = await send('DELETE', `/api/v1/lists/${list.id}/keywords`, {
      keywords: refs(etsy.slice(0, 2)),
    });
    expect(removed.json().changed).toBe(2);
    const left = (await get(`/api/v1/lists/${list.id}`)).json();
    expect(left.data.map((k: Summary) => k.keyword)).toEqual(
      etsy.slice(2, 4).map((k) => k.keyword),
    );

    const renamed = await send('PATCH', `/api/v1/lists/${list.id}`, { name: 'Pruned' });
    expect(renamed.json().name).toBe('Pruned');
    expect((await send('DELETE', `/api/v1/lists/${list.id}`)).statusCode).toBe(204);
    expect((await get(`/api/v1/lists/${list.id}`)).statusCode).toBe(404);
    const [items] = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from keyword_list_items where list_id = ${list.id}::uuid`,
    );
    expect(items?.n).toBe(0);
  });

  it('shares read-only by link until the share is revoked', async () => {
    const list = await newList('Shared');
    await send('POST', `/api/v1/lists/${list.id}/keywords`, { keywords: refs(etsy.slice(0, 3)) });
    const shared = (await send('POST', `/api/v1/lists/${list.id}/share`)).json();
    expect(shared.sharePath).toMatch(/^\/api\/v1\/shared\/[\w-]{32}$/);
    // Sharing again keeps the same link.
    expect((await send('POST', `/api/v1/lists/${list.id}/share`)).json().sharePath).toBe(
      shared.sharePath,
    );
    const view = await get(shared.sharePath);
    expect(view.statusCode).toBe(200);
    expect(view.json().data).toHaveLength(3);
    // Read-only: the token gives no way to change the list.
    const token = shared.sharePath.split('/').at(-1);
    expect(
      (await send('POST', `/api/v1/shared/${token}/keywords`, { keywords: [] })).statusCode,
    ).toBe(404);
    // The live CSV feed (Google Sheets' IMPORTDATA): no credentials, the list as it is now.
    const feed = `${shared.sharePath}/export?format=csv`;
    const csv = await app.inject({ url: feed });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.trim().split(/\r?\n/)).toHaveLength(4);
    await send('POST', `/api/v1/lists/${list.id}/keywords`, { keywords: refs(etsy.slice(3, 4)) });
    expect((await app.inject({ url: feed })).body.trim().split(/\r?\n/)).toHaveLength(5);
    await send('DELETE', `/api/v1/lists/${list.id}/share`);
    expect((await get(shared.sharePath)).statusCode).toBe(404);
    expect((await app.inject({ url: feed })).statusCode).toBe(404);
  });

  it('keeps each owner to their own lists', async () => {
    const [a, b] = await queryRows<{ id: string }>(
      database.db,
      sql`insert into users (email) values ('a@example.com'), ('b@example.com') returning id::text as id`,
    );
    const list = await createList(database.db, a?.id as string, 'Mine');
    await expect(
      changeListKeywords(database.db, b?.id as string, list.id, 'add', [
        { platform: 'etsy', marketplace: 'US', keyword: etsy[0]?.keyword as string },
      ]),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      changeListKeywords(database.db, null, list.id, 'add', [
        { platform: 'etsy', marketplace: 'US', keyword: etsy[0]?.keyword as string },
      ]),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // Another signed-in user does not see it either, and a visitor must sign in.
    expect((await get(`/api/v1/lists/${list.id}`)).statusCode).toBe(404);
    expect((await app.inject({ url: `/api/v1/lists/${list.id}` })).statusCode).toBe(401);
  });

  it('exports a list as CSV, XLSX and JSON with the same rows', async () => {
    const list = await newList('Export me');
    await send('POST', `/api/v1/lists/${list.id}/keywords`, { keywords: refs(etsy.slice(0, 12)) });
    const expected = etsy.slice(0, 12).map((k) => k.keyword);

    const csv = await get(`/api/v1/lists/${list.id}/export?format=csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toBe('attachment; filename="Export-me.csv"');
    const records = parse(csv.rawPayload, { columns: true, bom: true }) as Record<string, string>[];
    expect(records.map((r) => r.Keyword)).toEqual(expected);
    expect(Number(records[0]?.['Monthly searches'])).toBe(etsy[0]?.searchVolume);
    expect(records[0]?.['Demo data']).toBe('1');
    // Each keyword's yearly change, empty where its history cannot tell it yet.
    const changes = etsy.slice(0, 12).map((k) => k.yearlyChangePct);
    expect(changes.some((c) => c !== null)).toBe(true);
    expect(records.map((r) => r['Change in a year (%)'])).toEqual(
      changes.map((c) => (c === null ? '' : String(c))),
    );

    const xlsx = await get(`/api/v1/lists/${list.id}/export?format=xlsx`);
    expect(xlsx.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Keywords');
    expect(sheet?.getRow(1).getCell(1).value).toBe('Keyword');
    const column = (sheet?.getColumn(1).values ?? []).slice(2);
    expect(column).toEqual(expected);

    const json = await get(`/api/v1/lists/${list.id}/export?format=json`);
    expect(json.json().map((k: Summary) => k.keyword)).toEqual(expected);

    const filtered = await get(`/api/v1/lists/${list.id}/export?format=json&minWords=3`);
    for (const k of filtered.json()) expect(k.keyword.split(' ').length).toBeGreaterThanOrEqual(3);
  });

  it('exports popular keywords with their sort and filters', async () => {
    const res = await get(
      '/api/v1/keywords/popular/export?platform=amazon&sort=opportunity&format=json&maxDifficulty=60',
    );
    expect(res.statusCode).toBe(200);
    const rows = res.json();
    const [count] = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from keyword_data where platform = 'amazon' and difficulty <= 60`,
    );
    expect(rows).toHaveLength(count?.n ?? -1);
    const opportunities = rows.map((k: { opportunity: number }) => k.opportunity);
    expect(opportunities).toEqual([...opportunities].sort((a, b) => b - a));
  });

  it('exports every match of a search, in its order and with its filters', async () => {
    const search = '/api/v1/keywords/search?q=planner&platform=etsy&sort=volume&minVolume=10';
    // The search's own pages, followed to the end.
    const expected: string[] = [];
    let cursor = '';
    do {
      const page = (await get(`${search}&limit=100${cursor ? `&cursor=${cursor}` : ''}`)).json();
      expected.push(...page.data.map((k: Summary) => k.keyword));
      cursor = page.nextCursor ? encodeURIComponent(page.nextCursor) : '';
    } while (cursor);
    expect(expected.length).toBeGreaterThan(1);
    const exportUrl = search.replace('/search?', '/search/export?');
    const json = await get(`${exportUrl}&format=json`);
    expect(json.statusCode).toBe(200);
    expect(json.json().map((k: Summary) => k.keyword)).toEqual(expected);
    const csv = await get(`${exportUrl}&format=csv`);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toContain('etsy-US-planner-search');
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines).toHaveLength(expected.length + 1);
    expect((await get(`${exportUrl}&format=pdf`)).statusCode).toBe(400);
  });

  it.each([
    ['an empty name', 'POST', '/api/v1/lists', { name: '  ' }, 400],
    ['a name too long', 'POST', '/api/v1/lists', { name: 'x'.repeat(101) }, 400],
    ['a malformed list id', 'GET', '/api/v1/lists/not-a-uuid', undefined, 400],
    [
      'an unknown list',
      'GET',
      '/api/v1/lists/00000000-0000-4000-8000-000000000000',
      undefined,
      404,
    ],
    ['an unknown share token', 'GET', `/api/v1/shared/${'a'.repeat(32)}`, undefined, 404],
    [
      'a bad export format',
      'GET',
      '/api/v1/keywords/popular/export?platform=etsy&format=pdf',
      undefined,
      400,
    ],
  ] as const)('answers %s with a clear error', async (_name, method, url, payload, status) => {
    const res = await app.inject({
      method,
      url,
      headers: user.headers,
      ...(payload ? { payload } : {}),
    });
    expect(res.statusCode).toBe(status);
    expect(res.json().error.code).toBeTruthy();
  });

  it('refuses too many keywords in one change and writes nothing', async () => {
    const list = await newList('Too many');
    const keywords = Array.from({ length: 1_001 }, (_, i) => ({
      platform: 'etsy',
      keyword: `k${i}`,
    }));
    const res = await send('POST', `/api/v1/lists/${list.id}/keywords`, { keywords });
    expect(res.statusCode).toBe(400);
    expect((await get(`/api/v1/lists/${list.id}`)).json().list.keywordCount).toBe(0);
  });
});
