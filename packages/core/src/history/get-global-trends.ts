import type { GlobalTrends, GlobalTrendsQuery } from '@digitallz/contracts';
import { type Db, queryRows, sql } from '@digitallz/db';
import type { Cache } from '../cache';
import { fetchVersioned } from '../keywords/data-version';
import { SUMMARY_COLUMNS, type SummaryRow, toSummary } from '../keywords/summary-row';

/** The demand index sums the weekly searches of this many most searched keywords. */
const INDEX_KEYWORDS = 1_000;
const TTL_SECONDS = 3_600;
const SUMMARY = sql`${SUMMARY_COLUMNS}, 0 as relevance`;

/**
 * A platform's demand over the last year, the keywords growing fastest (with their yearly change),
 * and those peaking next month.
 */
export async function getGlobalTrends(
  deps: { db: Db; cache: Cache; clock: () => Date },
  query: GlobalTrendsQuery,
): Promise<GlobalTrends> {
  const now = deps.clock();
  const since = new Date(now.getTime() - 371 * 24 * 3600 * 1000).toISOString().slice(0, 10);
  const nextMonth = ((now.getUTCMonth() + 1) % 12) + 1;
  const where = sql`k.platform = ${query.platform} and k.marketplace = ${query.marketplace}`;
  return fetchVersioned(
    deps.cache,
    query.platform,
    (version) => `kw:global-trends:v3:${query.platform}:${version}:${query.marketplace}:${since}`,
    async () => {
      const [weekly, rising, peaking] = await Promise.all([
        queryRows<{ period_start: string; volume: number; keywords: number }>(
          deps.db,
          sql`with top as (
                select k.id from keyword_data k where ${where}
                order by k.search_volume desc nulls last limit ${INDEX_KEYWORDS})
              select o.period_start::text as period_start, sum(o.search_volume)::float8 as volume,
                     count(*)::int as keywords
              from keyword_observations o join top on top.id = o.keyword_id
              where o.period_start >= ${since}::date and o.search_volume is not null
              group by o.period_start order by o.period_start`,
        ),
        // Growing, by a yearly change the history can tell (one year alone cannot: its change is 0).
        queryRows<SummaryRow & { yearly_change_pct: number }>(
          deps.db,
          sql`select ${SUMMARY} from keyword_data k
              where ${where} and k.search_volume >= 100 and keyword_yearly_change(k.trend_data) > 0
              order by keyword_yearly_change(k.trend_data) desc, k.id limit 10`,
        ),
        queryRows<SummaryRow>(
          deps.db,
          sql`select ${SUMMARY} from keyword_data k
              where ${where} and coalesce((k.trend_data->>'peakMonth')::int,
                                          (k.trend_data->'seasonality'->'peakMonths'->>0)::int) = ${nextMonth}
              order by k.search_volume desc nulls last, k.id limit 10`,
        ),
      ]);
      return {
        platform: query.platform,
        marketplace: query.marketplace,
        weekly: weekly.map((w) => ({ periodStart: w.period_start, volume: Math.round(w.volume) })),
        basedOn: Math.max(0, ...weekly.map((w) => w.keywords)),
        rising: rising.map((r) => ({ ...toSummary(r), yearlyChangePct: r.yearly_change_pct })),
        peakingNextMonth: peaking.map(toSummary),
      };
    },
    TTL_SECONDS,
  );
}
