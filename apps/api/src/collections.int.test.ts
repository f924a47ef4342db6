import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCollectionDeps, createInProcessRunner, seedDemo } from '@digitallz/core';
import { createTestCache, testCacheKinds } from '@digitallz/core/testing';
import type { DbHandle } from '@digitallz/db';
import { createTestDb, testDbKinds } from '@digitallz/db/testing';
import { type SandboxServer, startSandboxServer } from '@digitallz/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from './app';
import { randomIp } from './test-helpers';

const asOf = new Date('2026-11-24T12:00:00Z');
const fast = { perSecond: 10_000, burst: 10_000 };
const cacheKind = testCacheKinds().at(-1) ?? 'memory';
let sandbox: SandboxServer;

beforeAll(async () => {
  sandbox = await startSandboxServer({ asOf, keywords: 3_000 });
});
afterAll(() => sandbox.close());

describe.each(testDbKinds())('collections through the API on %s', (kind) => {
  let database: DbHandle;
  let app: App;

  beforeAll(async () => {
    database = await createTestDb(kind);
    await seedDemo({ db: database.db, asOf, keywords: 200 });
    const cache = createTestCache(cacheKind);
    const collection = createCollectionDeps({
      db: database.db,
      archiveDir: mkdtempSync(join(tmpdir(), 'digitallz-api-archive-')),
      limits: { amazon: fast, etsy: fast, ebay: fast },
      marketplaces: { etsy: { baseUrl: sandbox.url, credentials: { etsyApiKey: 'k' } } },
      source: 'sandbox',
    });
    const jobs = createInProcessRunner({
      deps: { db: database.db, cache, clock: () => asOf, collection },
    });
    app = await buildApp({ database, cache, jobs, clock: () => asOf });
  });
  afterAll(async () => {
    await app.close();
    await app.deps.jobs.close();
    await app.deps.cache.close();
    await database.close();
  });

  const search = async (q: string) =>
    (
      await app.inject({
        url: `/api/v1/keywords/search?q=${encodeURIComponent(q)}&platform=etsy&limit=50`,
      })
    ).json();

  it('starts a collection for an unknown keyword, reports progress, then serves what it found', async () => {
    // A keyword of the sandbox market beyond the 200 seeded as demo data.
    const keyword =
      [...sandbox.market.records()].filter((k) => k.platform === 'etsy').at(-1)?.keyword ?? '';
    const first = await search(keyword);
    expect(first.collection).toMatchObject({
      keyword,
      platform: 'etsy',
      status: expect.stringMatching(/queued|running/),
    });

    const again = await search(keyword);
    expect(again.collection?.id).toBe(first.collection.id);

    let status = first.collection;
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline && !['done', 'failed'].includes(status.status)) {
      await new Promise((r) => setTimeout(r, 100));
      // Each poll from its own address: visitors' per-address API limit is not under test here.
      status = (
        await app.inject({
          url: `/api/v1/collections/${first.collection.id}`,
          remoteAddress: randomIp(),
        })
      ).json();
    }
    expect(status).toMatchObject({ status: 'done', keywordsFound: expect.any(Number) });
    expect(status.requestsDone).toBeGreaterThan(1);

    const after = await search(keyword);
    expect(after.collection).toBeNull();
    expect(after.data[0]).toMatchObject({ keyword, source: 'sandbox', isDemo: true });
    expect(after.data[0].listingCount).toBe(sandbox.market.search('etsy', keyword).count);
  });

  it('does not start a collection for a known keyword', async () => {
    const known = (await search('planner')).data[0]?.keyword;
    expect((await search(known)).collection).toBeNull();
  });

  it('answers 404 for an unknown collection and 400 for a malformed id', async () => {
    const missing = await app.inject({
      url: '/api/v1/collections/00000000-0000-4000-8000-000000000000',
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('NOT_FOUND');
    const bad = await app.inject({ url: '/api/v1/collections/nope' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
  });
});
