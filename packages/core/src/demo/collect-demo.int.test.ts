import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DbHandle, queryRows, sql } from '@digitallz/db';
import { createTestDb, testDbKinds } from '@digitallz/db/testing';
import { type MarketKeyword, type SandboxServer, startSandboxServer } from '@digitallz/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCollectionDeps } from '../collection/create-collection-deps';
import { weekStart } from '../collection/record-search-stats';
import { collectDemo } from './collect-demo';

const asOf = new Date('2026-11-24T12:00:00Z');
const fast = { perSecond: 100_000, burst: 100_000 };
const credentials = {
  etsyApiKey: 'k',
  ebayClientId: 'i',
  ebayClientSecret: 's',
  spApiAccessToken: 't',
};
let sandbox: SandboxServer;
beforeAll(async () => {
  sandbox = await startSandboxServer({ asOf, keywords: 40 });
});
afterAll(() => sandbox.close());

describe.each(testDbKinds())('collectDemo on %s', (kind) => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await createTestDb(kind);
  });
  afterAll(() => handle.close());

  const run = (
    records: Iterable<MarketKeyword> = sandbox.market.records(),
    historyBatch?: number,
    db = handle.db,
  ) =>
    collectDemo({
      collection: createCollectionDeps({
        db,
        archiveDir: mkdtempSync(join(tmpdir(), 'digitallz-demo-')),
        limits: { amazon: fast, etsy: fast, ebay: fast },
        marketplaces: Object.fromEntries(
          (['amazon', 'etsy', 'ebay'] as const).map((p) => [
            p,
            { baseUrl: sandbox.url, credentials },
          ]),
        ),
        source: 'sandbox',
        breaker: { threshold: 1_000 },
      }),
      records,
      asOf,
      concurrency: 4,
      historyBatch,
    });
  const counts = async () =>
    (
      await queryRows<{ keywords: number; observations: number; suggestions: number }>(
        handle.db,
        sql`select (select count(*) from keyword_data)::int as keywords,
                   (select count(*) from keyword_observations)::int as observations,
                   (select count(*) from suggestion_observations)::int as suggestions`,
      )
    )[0];

  it('completes a first collection that stopped half-way, writing what a clean one would', async () => {
    sandbox.setFaults({ rate5xx: 0.3 });
    await expect(run()).rejects.toThrow();
    sandbox.setFaults({ rate5xx: 0 });
    const result = await run();
    expect(result.seeded).toBe(true);
    expect(result.keywords).toBe([...sandbox.market.records()].length);
  });

  it('collects every keyword from the marketplace, then estimates it like collected data', async () => {
    let suggestions = 0;
    for (const record of sandbox.market.records()) {
      const [row] = await queryRows<{
        source: string;
        listing_count: number;
        model: string | null;
        suggestions: number;
        weeks: number;
        estimated_week: number | null;
      }>(
        handle.db,
        sql`select k.source, k.listing_count, k.estimates->>'model' as model,
                   (select count(*) from suggestion_observations s where s.platform = k.platform
                      and s.marketplace = k.marketplace and s.prefix = k.keyword)::int as suggestions,
                   (select count(*) from keyword_observations o where o.keyword_id = k.id and o.source = 'demo')::int as weeks,
                   (select o.search_volume from keyword_observations o where o.keyword_id = k.id
                      and o.period_start = ${weekStart(asOf)}::date) as estimated_week
            from keyword_data k
            where k.platform = ${record.platform} and k.marketplace = ${record.marketplace} and k.keyword = ${record.keyword}`,
      );
      // What the marketplace's search answered, not the sandbox's hidden figures.
      expect(row?.source).toBe('sandbox');
      expect(row?.listing_count).toBe(sandbox.market.search(record.platform, record.keyword).count);
      suggestions += row?.suggestions ?? 0;
      // The year before the first collection, then this week's volume from the volume model.
      expect(row?.weeks).toBe(record.weekly.length - 1);
      expect(row?.estimated_week).toBeGreaterThan(0);
      expect(row?.model).toBeTruthy();
    }
    // Each keyword's own autocomplete answer was recorded (long-tail ones may have none).
    expect(suggestions).toBeGreaterThan(0);
    // The estimates read the year before this week (51 weeks): each with its season, which the
    // keywords peaking next month and the season alerts are made of (52 weeks were required).
    const [seasons] = await queryRows<{ keywords: number; seasonal: number }>(
      handle.db,
      sql`select count(*)::int as keywords,
                 count(*) filter (where jsonb_typeof(k.trend_data->'seasonality') = 'object')::int as seasonal
          from keyword_data k
          where exists (select 1 from keyword_observations o where o.keyword_id = k.id and o.source = 'demo')`,
    );
    expect(seasons?.keywords).toBe([...sandbox.market.records()].length);
    expect(seasons?.seasonal).toBe(seasons?.keywords);
  });

  it('writes the year before at once: a history failing half-way leaves none, and the next run completes', async () => {
    // The last keyword's first week out of range: the last of the history's statements fails.
    const records = [...sandbox.market.records()];
    const last = records.at(-1) as MarketKeyword;
    const bad = {
      ...last,
      weekly: last.weekly.map((w, i) => (i === 0 ? { ...w, searchVolume: 3e9 } : w)),
    };
    const own = await createTestDb(kind);
    try {
      await expect(run([...records.slice(0, -1), bad], 500, own.db)).rejects.toThrow(
        /insert into keyword_observations/,
      );
      const [history] = await queryRows<{ n: number }>(
        own.db,
        sql`select count(*)::int as n from keyword_observations where search_volume is not null`,
      );
      expect(history?.n).toBe(0);
      expect((await run(records, 500, own.db)).seeded).toBe(true);
    } finally {
      await own.close();
    }
  });

  it('leaves a database with keyword history alone', async () => {
    const before = await counts();
    expect((await run()).seeded).toBe(false);
    expect(await counts()).toEqual(before);
  });
});
