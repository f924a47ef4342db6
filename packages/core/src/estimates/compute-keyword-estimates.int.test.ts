import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DbHandle, queryRows, sql } from '@digitallz/db';
import { createTestDb, testDbKinds } from '@digitallz/db/testing';
import { type SandboxServer, startSandboxServer } from '@digitallz/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCache } from '../cache';
import { collectKeyword } from '../collection/collect-keyword';
import { createCollectionDeps } from '../collection/create-collection-deps';
import { importKeywords } from '../imports/import-keywords';
import { createInProcessRunner } from '../jobs/in-process-runner';
import { computeKeywordEstimates, WEEKS_PER_MONTH } from './compute-keyword-estimates';
import { computePendingEstimates } from './compute-pending-estimates';

const fast = { perSecond: 10_000, burst: 10_000 };
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

type Estimated = {
  keyword: string;
  search_volume: number;
  volume_low: number;
  volume_high: number;
  competition: number;
  difficulty: number;
  opportunity: number;
  estimates: { reason: string; volume: { explanation: string; evidence: string }; basedOn: string };
};

describe.each(testDbKinds())('keyword estimates on %s', (kind) => {
  let handle: DbHandle;
  const clock = () => new Date('2026-11-25T08:00:00Z');
  beforeAll(async () => {
    handle = await createTestDb(kind);
  });
  afterAll(() => handle.close());

  const collection = () =>
    createCollectionDeps({
      db: handle.db,
      archiveDir,
      limits: { amazon: fast, etsy: fast, ebay: fast },
      marketplaces: { etsy: { baseUrl: sandbox.url, credentials: { etsyApiKey: 'k' } } },
      source: 'sandbox',
      breaker: { threshold: 3, cooldownMs: 60_000 },
    });
  const estimated = () =>
    queryRows<Estimated>(
      handle.db,
      sql`select keyword, search_volume, volume_low, volume_high, competition, difficulty, opportunity, estimates
          from keyword_data where platform = 'etsy' and estimates is not null order by keyword`,
    );

  it('follows a collection through the queue: every collected keyword gets its estimates', async () => {
    const cache = createCache({ maxEntries: 100 });
    const runner = createInProcessRunner({
      deps: { db: handle.db, cache, clock, collection: collection() },
    });
    await runner.enqueue('collect.keyword', {
      platform: 'etsy',
      keyword: 'wedding',
      observedAt: '2026-11-25T07:00:00.000Z',
      expand: true,
      budget: 8,
    });
    await runner.idle();
    await runner.close();
    const rows = await estimated();
    const [all] = await queryRows<{ n: number }>(
      handle.db,
      sql`select count(*)::int as n from keyword_data where platform = 'etsy'`,
    );
    expect(rows.length).toBe(all?.n);
    expect(rows.length).toBeGreaterThan(5);
    for (const r of rows) {
      expect(r.volume_low).toBeLessThanOrEqual(r.search_volume);
      expect(r.volume_high).toBeGreaterThanOrEqual(r.search_volume);
      expect(r.competition).toBeGreaterThanOrEqual(0);
      expect(r.estimates.reason).toMatch(/demand/);
      expect(r.estimates.volume.explanation).toMatch(/80% range/);
    }
    // The searched seed has search evidence, and its week's estimate joins its series.
    const seed = rows.find((r) => r.keyword === 'wedding');
    expect(seed?.estimates.volume.evidence).toMatch(/full|search/);
    const [week] = await queryRows<{ search_volume: number }>(
      handle.db,
      sql`select o.search_volume from keyword_observations o join keyword_data k on k.id = o.keyword_id
          where k.platform = 'etsy' and k.keyword = 'wedding' and o.period_start = '2026-11-23'`,
    );
    // The series holds the week's searches (as the sandbox's and imported history do), not the
    // monthly volume: a month's figure there made every chart end in a spike four times too high.
    expect(week?.search_volume).toBe(Math.round((seed?.search_volume ?? 0) / WEEKS_PER_MONTH));
    expect(week?.search_volume).toBeLessThan((seed?.search_volume ?? 0) / 4);
  });

  it('computes nothing twice, and again once the data moved', async () => {
    const deps = { db: handle.db, clock };
    expect(
      await computeKeywordEstimates(deps, { platform: 'etsy', marketplace: 'US', limit: 500 }),
    ).toEqual({ computed: 0, keywords: [] });
    const before = await estimated();
    await collectKeyword(collection(), {
      platform: 'etsy',
      marketplace: 'US',
      keyword: 'wedding',
      observedAt: '2026-11-25T09:00:00.000Z',
      expand: false,
      budget: 1,
    });
    const again = await computeKeywordEstimates(deps, {
      platform: 'etsy',
      marketplace: 'US',
      limit: 500,
    });
    expect(again.computed).toBeGreaterThanOrEqual(1);
    // The keywords written, for the job to move their cache versions.
    expect(again.keywords).toContain('wedding');
    expect(again.keywords).toHaveLength(again.computed);
    const after = await estimated();
    expect(after.map((r) => [r.keyword, r.search_volume])).toEqual(
      before.map((r) => [r.keyword, r.search_volume]),
    );
  });

  it('recalibrates on imported volumes: the estimates move to their level', async () => {
    const deps = { db: handle.db, clock };
    const before = await estimated();
    expect(before.length).toBeGreaterThanOrEqual(10);
    // The seller's own report says every keyword has five times the searches we estimated.
    const csv = [
      'keyword,platform,volume',
      ...before.map((r) => `${r.keyword},etsy,${r.search_volume * 5}`),
    ];
    await importKeywords(deps, { kind: 'csv', bytes: new TextEncoder().encode(csv.join('\n')) });
    const pending = await computePendingEstimates(deps, { platform: 'etsy', batch: 500 });
    expect(pending.computed).toBe(before.length);
    const after = await estimated();
    const ratios = after
      .map((r, i) => r.search_volume / (before[i]?.search_volume ?? 1))
      .sort((a, b) => a - b);
    const median = ratios[Math.floor(ratios.length / 2)] ?? 0;
    expect(median).toBeGreaterThan(4);
    expect(median).toBeLessThan(6);
    const [model] = await queryRows<{ model: string }>(
      handle.db,
      sql`select estimates->>'model' as model from keyword_data where platform = 'etsy' and keyword = 'wedding'`,
    );
    expect(model?.model).toMatch(/\+calibrated$/);
  });
});
