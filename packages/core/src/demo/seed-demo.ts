import { type Db, keywordData, sql } from '@digitallz/db';
import { generateMarketWorld, type MarketKeyword, type MarketWorld } from '@digitallz/sandbox';

/**
 * A sandbox world's hidden figures, loaded as they are: the fast fixture of the tests. The demo
 * data of `npm start` is collected from the sandbox marketplace instead (collect-demo.ts).
 */
export const loadDemoWorld: (options: { asOf: Date; keywords?: number }) => MarketWorld =
  generateMarketWorld;

export type SeedDemoOptions = {
  db: Db;
  asOf: Date;
  /** Distinct keywords to generate (default 5,000). */
  keywords?: number;
  /** Replace existing demo rows instead of leaving a seeded database alone. */
  force?: boolean;
  onProgress?: (message: string) => void;
};

export type SeedDemoResult = { seeded: boolean; keywords: number; observations: number };

const KEYWORD_BATCH = 1_000;
const OBSERVATION_BATCH = 20_000;

/**
 * Loads the demo world in one transaction: all of it or none of it. Without `force`, a database
 * that already holds keywords is left as it is.
 */
export async function seedDemo(options: SeedDemoOptions): Promise<SeedDemoResult> {
  const { db, onProgress = () => {} } = options;
  if (!options.force && (await hasKeywords(db)))
    return { seeded: false, keywords: 0, observations: 0 };

  onProgress('generating the demo world');
  const world = loadDemoWorld({ asOf: options.asOf, keywords: options.keywords });
  let observations = 0;
  await db.transaction(async (tx) => {
    await tx.delete(keywordData).where(sql`${keywordData.source} = 'demo'`);
    for (let i = 0; i < world.keywords.length; i += KEYWORD_BATCH) {
      const batch = world.keywords.slice(i, i + KEYWORD_BATCH);
      const ids = await tx
        .insert(keywordData)
        .values(batch.map(toKeywordRow))
        .returning({ id: keywordData.id });
      observations += await insertObservations(tx as unknown as Db, batch, ids);
      onProgress(
        `demo data: ${Math.min(i + KEYWORD_BATCH, world.keywords.length)}/${world.keywords.length} keywords`,
      );
    }
  });
  return { seeded: true, keywords: world.keywords.length, observations };
}

async function hasKeywords(db: Db): Promise<boolean> {
  const rows = await db.select({ id: keywordData.id }).from(keywordData).limit(1);
  return rows.length > 0;
}

function toKeywordRow(k: MarketKeyword): typeof keywordData.$inferInsert {
  const { weekly: _weekly, trend, ...fields } = k;
  return {
    ...fields,
    trendData: trend,
    source: 'demo',
    lastUpdated: new Date(`${k.weekly.at(-1)?.periodStart}T00:00:00Z`),
  };
}

async function insertObservations(db: Db, batch: MarketKeyword[], ids: { id: number }[]) {
  const columns = {
    keywordId: [] as number[],
    period: [] as string[],
    volume: [] as number[],
    listings: [] as number[],
  };
  batch.forEach((keyword, index) => {
    for (const week of keyword.weekly) {
      columns.keywordId.push(ids[index]?.id as number);
      columns.period.push(week.periodStart);
      columns.volume.push(week.searchVolume);
      columns.listings.push(week.listingCount);
    }
  });
  for (let i = 0; i < columns.keywordId.length; i += OBSERVATION_BATCH) {
    const slice = (values: unknown[]) => values.slice(i, i + OBSERVATION_BATCH);
    await db.execute(sql`
      insert into keyword_observations (keyword_id, period_start, search_volume, listing_count, source, observed_at)
      select k, p, v, l, 'demo', p::timestamptz
      from unnest(${sql.param(slice(columns.keywordId))}::bigint[], ${sql.param(slice(columns.period))}::date[],
                  ${sql.param(slice(columns.volume))}::int[], ${sql.param(slice(columns.listings))}::int[]) as t(k, p, v, l)`);
  }
  return columns.keywordId.length;
}
