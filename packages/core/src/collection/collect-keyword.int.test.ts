import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DbHandle, queryRows, sql } from '@digitallz/db';
import { createTestDb, testDbKinds } from '@digitallz/db/testing';
import { type SandboxServer, startSandboxServer } from '@digitallz/sandbox';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCache } from '../cache';
import { PRIORITY } from '../jobs/catalog';
import { createInProcessRunner, type JobEvent } from '../jobs/in-process-runner';
import { collectionChecksum } from '../testing';
import { collectKeyword } from './collect-keyword';
import type { CollectionDeps } from './collection-deps';
import { createCollectionDeps } from './create-collection-deps';
import { findQuarantined } from './find-quarantined';

const fast = { perSecond: 10_000, burst: 10_000 };
const observedAt = '2026-11-24T10:00:00.000Z';
let sandbox: SandboxServer;
let archiveDir: string;

beforeAll(async () => {
  sandbox = await startSandboxServer({ asOf: new Date('2026-11-24T00:00:00Z'), keywords: 2_000 });
  archiveDir = mkdtempSync(join(tmpdir(), 'digitallz-archive-'));
});
afterAll(async () => {
  await sandbox.close();
  rmSync(archiveDir, { recursive: true, force: true });
});
beforeEach(() => sandbox.setFaults({ rate429: 0, rate5xx: 0, malformedRate: 0, outage: false }));

const checksum = (handle: DbHandle) => collectionChecksum(handle.db);
const archived = () =>
  readdirSync(archiveDir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ndjson'))
    .map((f) => join(archiveDir, f));

describe.each(testDbKinds())('collectKeyword on %s', (kind) => {
  let handle: DbHandle;
  let deps: CollectionDeps;
  beforeAll(async () => {
    handle = await createTestDb(kind);
    deps = createCollectionDeps({
      db: handle.db,
      archiveDir,
      limits: { amazon: fast, etsy: fast, ebay: fast },
      marketplaces: {
        amazon: {
          baseUrl: sandbox.url,
          credentials: {
            spApiAccessToken: 't',
            adsClientId: 'c',
            adsAccessToken: 'a',
            adsProfileId: 'p',
            adsAsin: 'B0TEST',
          },
        },
        etsy: { baseUrl: sandbox.url, credentials: { etsyApiKey: 'k' } },
        ebay: { baseUrl: sandbox.url, credentials: { ebayClientId: 'i', ebayClientSecret: 's' } },
      },
      source: 'sandbox',
      breaker: { threshold: 3, cooldownMs: 60_000 },
    });
  });
  afterAll(() => handle.close());

  it('expands a seed, stores observations, keywords and search statistics', async () => {
    const archivedBefore = new Set(archived());
    const result = await collectKeyword(deps, {
      platform: 'amazon',
      marketplace: 'US',
      keyword: 'wedding',
      observedAt,
      expand: true,
      budget: 25,
    });
    expect(result.requests).toBe(27);
    const after = await checksum(handle);
    expect(after?.observations).toBe(result.observations);
    expect(after?.keywords).toBe(result.keywords);
    const [seed] = await queryRows<{ listing_count: number; source: string }>(
      handle.db,
      sql`select listing_count, source from keyword_data where platform = 'amazon' and keyword = 'wedding'`,
    );
    expect(seed).toEqual({
      listing_count: sandbox.market.search('amazon', 'wedding').count,
      source: 'sandbox',
    });
    // The job's raw payloads: one NDJSON document holding every call, not a file per call.
    const documents = archived().filter((f) => !archivedBefore.has(f));
    expect(documents).toHaveLength(1);
    const lines = readFileSync(documents[0] as string, 'utf8')
      .trim()
      .split('\n');
    expect(lines).toHaveLength(27);
    expect(lines.map((l) => JSON.parse(l).platform)).toEqual(Array(27).fill('amazon'));
    // Every keyword of the bid estimates has the marketplace's suggested bid as its CPC (the
    // sandbox suggests 0.30 for a keyword it does not sell).
    const bids = await queryRows<{ keyword: string; cpc: number }>(
      handle.db,
      sql`select keyword, cpc from keyword_data where platform = 'amazon' and cpc is not null`,
    );
    expect(bids.map((b) => b.keyword)).toContain('wedding planner');
    expect(bids.length).toBeGreaterThan(10);
    for (const { keyword, cpc } of bids)
      expect(Number(cpc), keyword).toBe(sandbox.market.truth('amazon', keyword)?.cpc ?? 0.3);
  });

  it('leaves exactly the same rows when the same job runs again', async () => {
    const before = await checksum(handle);
    await collectKeyword(deps, {
      platform: 'amazon',
      marketplace: 'US',
      keyword: 'wedding',
      observedAt,
      expand: true,
      budget: 25,
    });
    expect(await checksum(handle)).toEqual(before);
  });

  it('quarantines an invalid payload and writes nothing from it', async () => {
    const before = await checksum(handle);
    sandbox.setFaults({ malformedRate: 1 });
    await expect(
      collectKeyword(deps, {
        platform: 'etsy',
        marketplace: 'US',
        keyword: 'planner',
        observedAt,
        expand: false,
        budget: 1,
      }),
    ).rejects.toMatchObject({ code: 'MARKETPLACE_BAD_PAYLOAD' });
    const quarantined = await queryRows<{ platform: string; error_code: string; payload: string }>(
      handle.db,
      sql`select platform, error_code, payload from quarantined_payloads`,
    );
    expect(quarantined).toEqual([
      {
        platform: 'etsy',
        error_code: 'MARKETPLACE_BAD_PAYLOAD',
        payload: expect.stringContaining('{'),
      },
    ]);
    expect(await checksum(handle)).toEqual(before);
    const report = await findQuarantined({ db: handle.db }, { limit: 5 });
    expect(report.counts).toEqual([{ platform: 'etsy', operation: 'suggestions', count: 1 }]);
    expect(report.recent[0]?.request).toContain('/v3/application/listings/active');
  });

  it('opens the breaker on an outage instead of hammering the marketplace', async () => {
    sandbox.setFaults({ outage: true });
    const calls = () => sandbox.stats().requests;
    const start = calls();
    for (let i = 0; i < 5; i++) {
      await expect(
        collectKeyword(deps, {
          platform: 'ebay',
          marketplace: 'US',
          keyword: 'planner',
          observedAt,
          expand: false,
          budget: 1,
        }),
      ).rejects.toMatchObject({ code: 'MARKETPLACE_UNAVAILABLE' });
    }
    expect(await deps.breakers.ebay.state()).toBe('open');
    // The token call, then at most `threshold` searches before the circuit opened.
    expect(calls() - start).toBeLessThanOrEqual(4);
  });

  it('runs as the collect.keyword job, interactive requests before scheduled refreshes', async () => {
    const events: JobEvent[] = [];
    const runner = createInProcessRunner({
      deps: {
        db: handle.db,
        cache: createCache(),
        clock: () => new Date(observedAt),
        collection: deps,
      },
      concurrency: 1,
      onEvent: (e) => events.push(e),
    });
    const job = (keyword: string) => ({
      platform: 'etsy' as const,
      keyword,
      observedAt,
      expand: false,
    });
    await runner.enqueue('collect.keyword', job('planner'));
    await runner.enqueue('collect.keyword', job('wall art'));
    await runner.enqueue('collect.keyword', job('svg'), { priority: PRIORITY.interactive });
    await runner.idle();
    await runner.close();
    // Each collection also queues the compute job for what it wrote; only the collections are ordered here.
    const collections = events.filter((e) => e.jobId.startsWith('collect.keyword:'));
    expect(collections.map((e) => e.type)).toEqual(['completed', 'completed', 'completed']);
    expect(collections.map((e) => e.jobId)).toEqual([
      'collect.keyword:etsy:US:planner',
      'collect.keyword:etsy:US:svg',
      'collect.keyword:etsy:US:wall art',
    ]);
  });

  it('reports a permanent failure as failed, a transient or malformed one as waiting for its retry', async () => {
    const request = async () =>
      (
        await queryRows<{ id: string }>(
          handle.db,
          sql`insert into collection_requests (platform, marketplace, keyword) values ('etsy', 'US', 'x') returning id::text`,
        )
      )[0]?.id as string;
    const status = async (id: string) =>
      (
        await queryRows<{ status: string; error: string }>(
          handle.db,
          sql`select status, error from collection_requests where id = ${id}::uuid`,
        )
      )[0];
    const run = (requestId: string, keyword: string) =>
      collectKeyword(deps, {
        platform: 'etsy',
        marketplace: 'US',
        keyword,
        observedAt,
        expand: false,
        budget: 1,
        requestId,
      });

    // Missing credentials cannot be fixed by retrying: the request is failed.
    const refused = createCollectionDeps({
      db: handle.db,
      archiveDir,
      limits: { amazon: fast, etsy: fast, ebay: fast },
      marketplaces: { etsy: { baseUrl: sandbox.url, credentials: { etsyApiKey: '' } } },
      source: 'sandbox',
    });
    const permanent = await request();
    await expect(
      collectKeyword(refused, {
        platform: 'etsy',
        marketplace: 'US',
        keyword: 'bingo',
        observedAt,
        expand: false,
        budget: 1,
        requestId: permanent,
      }),
    ).rejects.toThrow('Etsy needs');
    expect(await status(permanent)).toMatchObject({ status: 'failed' });

    // A malformed answer is quarantined and retried: the next call may get it right.
    sandbox.setFaults({ malformedRate: 1 });
    const malformed = await request();
    await expect(run(malformed, 'bingo')).rejects.toThrow();
    expect(await status(malformed)).toMatchObject({
      status: 'queued',
      error: expect.stringContaining('not JSON'),
    });

    sandbox.setFaults({ malformedRate: 0, rate5xx: 1 });
    const transient = await request();
    await expect(run(transient, 'labels')).rejects.toThrow();
    expect(await status(transient)).toMatchObject({
      status: 'queued',
      error: expect.stringContaining('failed with 503'),
    });
  });

  it('refreshes the most searched stale keywords on schedule', async () => {
    const etsyKeywords = [...sandbox.market.records()]
      .filter((k) => k.platform === 'etsy')
      .slice(0, 3);
    await handle.db.execute(sql`delete from keyword_data where platform = 'etsy'`);
    for (const [i, k] of etsyKeywords.entries()) {
      await handle.db.execute(sql`
        insert into keyword_data (keyword, platform, marketplace, source, search_volume, last_updated)
        values (${k.keyword}, 'etsy', 'US', 'sandbox', ${(i + 1) * 100}, '2026-01-01T00:00:00Z')`);
    }
    const events: JobEvent[] = [];
    const runner = createInProcessRunner({
      deps: {
        db: handle.db,
        cache: createCache(),
        clock: () => new Date(observedAt),
        collection: deps,
      },
      onEvent: (e) => events.push(e),
    });
    await runner.enqueue('collect.refresh-stale', { limit: 2, staleAfterDays: 7 });
    await runner.idle();
    await runner.close();
    expect(events.find((e) => e.id === 'collect.refresh-stale')).toMatchObject({
      type: 'completed',
      result: { queued: 2 },
    });
    const rows = await queryRows<{ keyword: string; fresh: boolean }>(
      handle.db,
      sql`select keyword, last_updated > '2026-06-01' as fresh from keyword_data where platform = 'etsy' order by search_volume desc`,
    );
    expect(rows.map((r) => r.fresh)).toEqual([true, true, false]);
  });
});
