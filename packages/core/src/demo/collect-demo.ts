import type { Platform } from '@digitallz/contracts';
import { type Db, queryRows, sql } from '@digitallz/db';
import type { MarketKeyword } from '@digitallz/sandbox';
import { collectKeywords } from '../collection/collect-keywords';
import type { CollectionDeps } from '../collection/collection-deps';
import { weekStart } from '../collection/record-search-stats';
import { computeKeywordEstimates } from '../estimates/compute-keyword-estimates';

export type CollectDemoOptions = {
  /** Collection wired to the sandbox marketplace (its base URLs, `source: 'sandbox'`). */
  collection: CollectionDeps;
  /** The sandbox's market: which keywords to collect, and the year before the first collection. */
  records: Iterable<MarketKeyword>;
  asOf: Date;
  /** Collections running at once. */
  concurrency?: number;
  /** Weekly volumes of the year before written per statement. */
  historyBatch?: number;
  onProgress?: (message: string) => void;
};

export type CollectDemoResult = {
  seeded: boolean;
  keywords: number;
  history: number;
  estimated: number;
};

const HISTORY_BATCH = 20_000;
/** Keywords collected and written together. */
const CHUNK = 500;

/**
 * The demo data of `npm start`, collected from the sandbox marketplace through the collection
 * pipeline's own code: each keyword's autocomplete and search statistics over HTTP in the
 * platforms' wire formats, validated, archived and upserted like any collection, then the
 * compute job's estimates. No marketplace reports past search volumes, so the year of weekly
 * volumes before this first collection is the sandbox's exported history (every row stays
 * labelled demo data). A database that holds keyword history already is left as it is; one that
 * stopped half-way is completed (collections are idempotent, the history is written at once).
 */
export async function collectDemo(options: CollectDemoOptions): Promise<CollectDemoResult> {
  const { collection, asOf, onProgress = () => {} } = options;
  const { db } = collection;
  if (await hasHistory(db)) return { seeded: false, keywords: 0, history: 0, estimated: 0 };
  const records = [...options.records];
  const observedAt = asOf.toISOString();
  let done = 0;
  for (const [platform, marketplace] of markets(records)) {
    const keywords = records
      .filter((r) => r.platform === platform && r.marketplace === marketplace)
      .map((r) => r.keyword);
    for (let i = 0; i < keywords.length; i += CHUNK) {
      const chunk = keywords.slice(i, i + CHUNK);
      await collectKeywords(collection, {
        platform,
        marketplace,
        keywords: chunk,
        observedAt,
        concurrency: options.concurrency,
      });
      done += chunk.length;
      onProgress(`demo data: collected ${done}/${records.length} keywords from the sandbox`);
    }
  }
  onProgress('demo data: the year before the first collection');
  // In one transaction: history is what marks the demo loaded, so a start stopped half-way through
  // it (Ctrl-C) must leave none, or the next start would leave the demo half-written.
  const history = await db.transaction((tx) =>
    insertHistory(tx as unknown as Db, records, weekStart(asOf), options.historyBatch),
  );
  let estimated = 0;
  for (const [platform, marketplace] of markets(records)) {
    for (;;) {
      const { computed } = await computeKeywordEstimates(
        { db, clock: () => asOf },
        { platform, marketplace, limit: 5_000 },
      );
      estimated += computed;
      if (computed === 0) break;
    }
  }
  return { seeded: true, keywords: records.length, history, estimated };
}

async function hasHistory(db: Db): Promise<boolean> {
  const rows = await queryRows<{ one: number }>(
    db,
    sql`select 1 as one from keyword_observations where search_volume is not null limit 1`,
  );
  return rows.length > 0;
}

function markets(records: MarketKeyword[]): [Platform, string][] {
  const seen = new Map<string, [Platform, string]>();
  for (const r of records) seen.set(`${r.platform}:${r.marketplace}`, [r.platform, r.marketplace]);
  return [...seen.values()];
}

/** The weeks before `currentWeek`, attached to the keywords the collection wrote. */
async function insertHistory(
  db: Db,
  records: MarketKeyword[],
  currentWeek: string,
  batch = HISTORY_BATCH,
) {
  const rows: { platform: string; marketplace: string; keyword: string }[] = [];
  const columns = { key: [] as number[], period: [] as string[], volume: [] as number[] };
  records.forEach((r, index) => {
    rows.push({ platform: r.platform, marketplace: r.marketplace, keyword: r.keyword });
    for (const week of r.weekly) {
      if (week.periodStart >= currentWeek) continue;
      columns.key.push(index);
      columns.period.push(week.periodStart);
      columns.volume.push(week.searchVolume);
    }
  });
  for (let i = 0; i < columns.key.length; i += batch) {
    const slice = <T>(values: T[]) => values.slice(i, i + batch);
    const keys = slice(columns.key);
    const refs = keys.map((k) => rows[k] as (typeof rows)[number]);
    await db.execute(sql`
      insert into keyword_observations (keyword_id, period_start, search_volume, source, observed_at)
      select k.id, t.p, t.v, 'demo', t.p::timestamptz
      from unnest(${sql.param(refs.map((r) => r.platform))}::text[], ${sql.param(refs.map((r) => r.marketplace))}::text[],
                  ${sql.param(refs.map((r) => r.keyword))}::text[], ${sql.param(slice(columns.period))}::date[],
                  ${sql.param(slice(columns.volume))}::int[]) as t(pl, m, kw, p, v)
      join keyword_data k on k.platform = t.pl and k.marketplace = t.m and k.keyword = t.kw
      order by k.id, t.p
      on conflict (keyword_id, period_start) do nothing`);
  }
  return columns.key.length;
}
