import type { DataSource } from '@digitallz/contracts';
import { type Db, queryRows, sql } from '@digitallz/db';
import { AppError } from '../errors';
import { isDemoSource } from '../keywords/load-keyword';

type Row = {
  id: string;
  keyword: string;
  platform: string;
  marketplace: string;
  source: string;
  search_volume: number | null;
  competition: number | null;
  opportunity: number | null;
  trending: boolean | null;
  yearly_change_pct: number | null;
  baseline: { searchVolume: number | null; volumeAt: string } | null;
  checked_at: Date | null;
  next_refresh_at: Date;
  last_updated: Date;
  created_at: Date;
  keyword_source: DataSource;
};

/** The user's tracked keywords with their metrics now and the change since the rules last reported. */
export async function findTrackedKeywords(db: Db, userId: string) {
  const rows = await queryRows<Row>(
    db,
    sql`select t.id, k.keyword, k.platform, k.marketplace, t.source, k.search_volume, k.competition,
               k.opportunity, (k.trend_data->'trendingNow'->>'trending')::boolean as trending,
               keyword_yearly_change(k.trend_data) as yearly_change_pct,
               t.baseline, t.checked_at, t.next_refresh_at, k.last_updated, t.created_at,
               k.source as keyword_source
        from tracked_keywords t join keyword_data k on k.id = t.keyword_id
        where t.user_id = ${userId}::uuid order by t.created_at desc, k.keyword limit 10000`,
  );
  const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
  return rows.map((r) => {
    const before = r.baseline?.searchVolume ?? null;
    return {
      id: r.id,
      keyword: r.keyword,
      platform: r.platform as 'amazon' | 'etsy' | 'ebay',
      marketplace: r.marketplace,
      source: r.source,
      searchVolume: r.search_volume,
      competition: r.competition,
      opportunity: r.opportunity,
      trending: r.trending ?? false,
      yearlyChangePct: r.yearly_change_pct,
      volumeChangePct:
        before && r.search_volume !== null
          ? Math.round(((r.search_volume - before) / before) * 1000) / 10
          : null,
      since: r.baseline?.volumeAt ?? null,
      checkedAt: iso(r.checked_at),
      nextRefreshAt: new Date(r.next_refresh_at).toISOString(),
      lastUpdated: new Date(r.last_updated).toISOString(),
      createdAt: new Date(r.created_at).toISOString(),
      // The sandbox's collections are simulated too, as every keyword list labels them.
      isDemo: isDemoSource(r.keyword_source),
    };
  });
}

/** One tracked keyword's daily snapshots (oldest first). */
export async function findTrackedHistory(db: Db, userId: string, id: string) {
  const [tracked] = await queryRows<{ keyword_id: string }>(
    db,
    sql`select keyword_id::text from tracked_keywords where id = ${id}::uuid and user_id = ${userId}::uuid`,
  );
  if (!tracked) throw new AppError('NOT_FOUND', 'no such tracked keyword');
  const rows = await queryRows<{
    taken_on: string;
    search_volume: number | null;
    competition: number | null;
    cpc: string | null;
    difficulty: number | null;
    opportunity: number | null;
    listing_count: number | null;
    trending: boolean | null;
  }>(
    db,
    sql`select taken_on::text, search_volume, competition, cpc, difficulty, opportunity, listing_count, trending
        from keyword_snapshots where keyword_id = ${tracked.keyword_id}::bigint order by taken_on limit 1000`,
  );
  return rows.map((r) => ({
    date: r.taken_on,
    searchVolume: r.search_volume,
    competition: r.competition,
    cpc: r.cpc === null ? null : Number(r.cpc),
    difficulty: r.difficulty,
    opportunity: r.opportunity,
    listingCount: r.listing_count,
    trending: r.trending ?? false,
  }));
}

/** Stops tracking (its rules scoped to it go with it); the snapshots stay for other trackers. */
export async function untrackKeyword(db: Db, userId: string, id: string): Promise<void> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`delete from tracked_keywords where id = ${id}::uuid and user_id = ${userId}::uuid returning id`,
  );
  if (rows.length === 0) throw new AppError('NOT_FOUND', 'no such tracked keyword');
}
