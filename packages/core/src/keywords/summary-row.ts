import type { KeywordSummary } from '@digitallz/contracts';
import { sql } from '@digitallz/db';
import { isDemoSource } from './load-keyword';

/**
 * The columns of a summary row, `k` being keyword_data; the yearly change through the function of
 * migration 0023, which the search functions (0016, 0018 as redefined there) call too.
 */
export const SUMMARY_COLUMNS = sql`k.id::text as id, k.keyword, k.platform, k.marketplace, k.search_volume, k.volume_low,
  k.volume_high, k.competition, k.cpc, k.difficulty, k.opportunity, k.listing_count, k.source, k.last_updated,
  keyword_yearly_change(k.trend_data) as yearly_change_pct`;

/** A keyword_data row as the list endpoints read it. */
export type SummaryRow = {
  id: string;
  keyword: string;
  platform: KeywordSummary['platform'];
  marketplace: string;
  search_volume: number | null;
  volume_low: number | null;
  volume_high: number | null;
  competition: number | null;
  cpc: string | number | null;
  difficulty: number | null;
  opportunity: number | null;
  listing_count: number | null;
  source: KeywordSummary['source'];
  last_updated: Date | string;
  relevance: number;
  yearly_change_pct: number | null;
};

export function toSummary(row: SummaryRow): KeywordSummary {
  return {
    id: row.id,
    keyword: row.keyword,
    platform: row.platform,
    marketplace: row.marketplace,
    searchVolume: row.search_volume,
    volumeLow: row.volume_low,
    volumeHigh: row.volume_high,
    competition: row.competition === null ? null : Number(row.competition),
    cpc: row.cpc === null ? null : Number(row.cpc),
    difficulty: row.difficulty,
    opportunity: row.opportunity,
    listingCount: row.listing_count,
    yearlyChangePct: row.yearly_change_pct,
    relevance: row.relevance,
    source: row.source,
    isDemo: isDemoSource(row.source),
    lastUpdated: new Date(row.last_updated).toISOString(),
  };
}
