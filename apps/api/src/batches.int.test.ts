import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createCollectionDeps,
  createInProcessRunner,
  type JobEvent,
  seedDemo,
} from '@digitallz/core';
import { createTestCache, testCacheKinds } from '@digitallz/core/testing';
import { type DbHandle, queryRows, sql } from '@digitallz/db';
import { createTestDb, testDbKinds } from '@digitallz/db/testing';
import { type SandboxServer, startSandboxServer } from '@digitallz/sandbox';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from './app';
import { signUpUser, type TestUser } from './test-helpers';

const asOf = new Date('2026-11-24T12:00:00Z');
const cacheKind = testCacheKinds().at(-1) ?? 'memory';
const fast = { perSecond: 10_000, burst: 10_000 };

let sandbox: SandboxServer;
let archiveDir: string;
beforeAll(async () => {
  sandbox = await startSandboxServer({ asOf, keywords: 2_000 });
  archiveDir = mkdtempSync(join(tmpdir(), 'digitallz-batches-'));
});
afterAll(async () => {
  await sandbox.close();
  rmSync(archiveDir, { recursive: true, force: true });
});

describe.each(testDbKinds())('batch analysis on %s', (kind) => {
  let database: DbHandle;
  let app: App;
  let user: TestUser;
  let runner: ReturnType<typeof createInProcessRunner>;
  const events: JobEvent[] = [];
  let known: string[];

  beforeAll(async () => {
    database = await createTestDb(kind);
    await seedDemo({ db: database.db, asOf, keywords: 400 });
    const cache = createTestCache(cacheKind);
    runner = createInProcessRunner({
      deps: {
        db: database.db,
        cache,
        clock: () => asOf,
        collection: createCollectionDeps({
          db: database.db,
          archiveDir,
          limits: { amazon: fast, etsy: fast, ebay: fast },
          marketplaces: { etsy: { baseUrl: sandbox.url, credentials: { etsyApiKey: 'k' } } },
          source: 'sandbox',
        }),
      },
      onEvent: (e) => events.push(e),
    });
    app = await buildApp({ database, cache, jobs: runner });
    user = await signUpUser(app, { plan: 'business' });
    known = (
      await queryRows<{ keyword: string }>(
        database.db,
        sql`select keyword from keyword_data where platform = 'etsy' order by id limit 1500`,
      )
    ).map((r) => r.keyword);
  });
  afterAll(async () => {
    await runner.close();
    await app.close();
    await app.deps.cache.close();
    await database.close();
  });

  const get = (url: string) => app.inject({ method: 'GET', url, headers: user.headers });
  const submit = (payload: object) =>
    app.inject({ method: 'POST', url: '/api/v1/batches', payload, headers: user.headers });

  it('analyses a batch as a job: progress, results in the order given, unknown keywords collected', async () => {
    const unknown = ['zz never seen one', 'zz never seen two'];
    // Duplicates (after normalisation) count once; the order given is kept.
    const keywords = [unknown[0], ...known, known[0]?.toUpperCase(), unknown[1]] as string[];
    const res = await submit({ platform: 'etsy', keywords });
    expect(res.statusCode).toBe(202);
    const batch = res.json();
    expect(batch).toMatchObject({ total: known.length + 2, done: 0 });
    expect(['queued', 'running']).toContain(batch.status);
    await runner.idle();

    const finished = (await get(`/api/v1/batches/${batch.id}`)).json();
    expect(finished).toMatchObject({
      status: 'completed',
      done: known.length + 2,
      progress: 100,
      collecting: 2,
      finishedAt: asOf.toISOString(),
    });
    // Each keyword without data was queued for collection.
    const collections = events.filter((e) => e.jobId.startsWith('collect.keyword:etsy:US:zz'));
    expect(collections.map((e) => e.jobId).sort()).toEqual(
      unknown.map((k) => `collect.keyword:etsy:US:${k}`),
    );

    const all: { position: number; keyword: string; result: { keyword: string } | null }[] = [];
    let cursor: string | null = null;
    do {
      const page = await get(
        `/api/v1/batches/${batch.id}/results?limit=400${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.statusCode).toBe(200);
      all.push(...page.json().data);
      cursor = page.json().nextCursor;
    } while (cursor);
    expect(all.map((r) => r.keyword)).toEqual([unknown[0], ...known, unknown[1]]);
    expect(all[0]?.result).toBeNull();
    expect(all[1]?.result?.keyword).toBe(known[0]);

    const csv = await get(`/api/v1/batches/${batch.id}/export?format=csv`);
    expect(csv.statusCode).toBe(200);
    const rows = parse(csv.rawPayload, { columns: true, bom: true }) as { Keyword: string }[];
    expect(rows.map((r) => r.Keyword)).toEqual(known);
  });

  it('filters results on the data found', async () => {
    const batch = (await submit({ platform: 'etsy', keywords: known.slice(0, 200) })).json();
    await runner.idle();
    const res = await get(`/api/v1/batches/${batch.id}/results?minVolume=500&limit=500`);
    expect(res.statusCode).toBe(200);
    const data = res.json().data;
    expect(data.length).toBeGreaterThan(0);
    expect(data.length).toBeLessThan(200);
    for (const r of data) expect(r.result.searchVolume).toBeGreaterThanOrEqual(500);
  });

  it('accepts 10,000 keywords and refuses 10,001 without writing anything', async () => {
    const many = Array.from({ length: 10_000 }, (_, i) => `bulk keyword ${i}`);
    const ok = await submit({ platform: 'amazon', keywords: many, collectMissing: false });
    expect(ok.statusCode).toBe(202);
    expect(ok.json().total).toBe(10_000);
    await runner.idle();
    const done = (await get(`/api/v1/batches/${ok.json().id}`)).json();
    expect(done).toMatchObject({ status: 'completed', done: 10_000, collecting: 0 });

    const before = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from batch_analyses`,
    );
    const tooMany = await submit({ platform: 'amazon', keywords: [...many, 'one more'] });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().error.message).toMatch(/10,000/);
    const after = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from batch_analyses`,
    );
    expect(after).toEqual(before);
  });

  it.each([
    ['no keywords', { platform: 'etsy', keywords: [] }],
    ['a blank keyword', { platform: 'etsy', keywords: ['ok', '  '] }],
    ['an unknown platform', { platform: 'walmart', keywords: ['x'] }],
    ['keywords that are not strings', { platform: 'etsy', keywords: [1, 2] }],
  ])('refuses a batch with %s', async (_name, payload) => {
    const res = await submit(payload);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
  });

  it('answers unknown batches and bad cursors clearly', async () => {
    expect((await get('/api/v1/batches/00000000-0000-4000-8000-000000000000')).statusCode).toBe(
      404,
    );
    expect((await get('/api/v1/batches/nope')).statusCode).toBe(400);
    const batch = (
      await submit({ platform: 'etsy', keywords: ['a'], collectMissing: false })
    ).json();
    await runner.idle();
    const bad = await get(`/api/v1/batches/${batch.id}/results?cursor=abc`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
    const tooLarge = await get(`/api/v1/batches/${batch.id}/results?limit=501`);
    expect(tooLarge.statusCode).toBe(400);
  });
});
