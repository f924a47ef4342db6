import type { KeywordTrends } from '@digitallz/contracts';
import type { Db } from '@digitallz/db';
import type { Cache } from '../cache';
import { forecastSeries } from '../intelligence/forecast/forecast-series';
import { analyzeTrend } from '../intelligence/trends/analyze-trend';
import { fetchKeywordVersioned } from './data-version';
import { DETAIL_CACHE_TTL_SECONDS } from './get-keyword';
import { isDemoSource, type KeywordTarget, loadKeyword } from './load-keyword';
import { normalizeKeyword } from './normalize-keyword';

/** A forecast needs this many weeks of history. */
const MIN_WEEKS = 8;
const WEEK_MS = 7 * 24 * 3600 * 1000;
const round1 = (n: number) => Math.round(Math.max(0, n) * 10) / 10;

/** The weekly series of a keyword, its trend and seasonality, and a forecast with 80% and 95% bands. */
export async function getKeywordTrends(
  deps: { db: Db; cache: Cache },
  target: KeywordTarget & { horizon: number },
): Promise<KeywordTrends> {
  const keyword = normalizeKeyword(target.keyword);
  return fetchKeywordVersioned(
    deps.cache,
    target,
    (version) =>
      `kw:trends:v4:${target.platform}:${version}:${target.marketplace}:${target.horizon}:${keyword}`,
    async () => {
      const row = await loadKeyword(deps.db, target, 'weekly');
      const weekly = row.weekly ?? [];
      const last = weekly.at(-1);
      let forecast: KeywordTrends['forecast'] = null;
      let forecastBasis: KeywordTrends['forecastBasis'] = null;
      if (last && weekly.length >= MIN_WEEKS) {
        const f = forecastSeries(
          weekly.map((p) => p.value),
          target.horizon,
        );
        forecastBasis = f.basis;
        const start = Date.parse(`${last.periodStart}T00:00:00Z`);
        forecast = f.points.map((volume, i) => ({
          periodStart: new Date(start + (i + 1) * WEEK_MS).toISOString().slice(0, 10),
          volume: round1(volume),
          lo80: round1(f.lo80[i] ?? volume),
          hi80: round1(f.hi80[i] ?? volume),
          lo95: round1(f.lo95[i] ?? volume),
          hi95: round1(f.hi95[i] ?? volume),
        }));
      }
      return {
        keyword: row.keyword,
        platform: row.platform,
        marketplace: row.marketplace,
        isDemo: isDemoSource(row.source),
        weekly: weekly.map((p) => ({ periodStart: p.periodStart, volume: p.value })),
        trend: analyzeTrend(weekly),
        forecastBasis,
        forecast,
      };
    },
    DETAIL_CACHE_TTL_SECONDS,
  );
}
