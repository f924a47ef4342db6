import type { KeywordDetail } from '@digitallz/contracts';
import type { Db } from '@digitallz/db';
import type { Cache } from '../cache';
import { competitionLevel } from '../intelligence/scores/score-competition';
import { analyzeTrend } from '../intelligence/trends/analyze-trend';
import { fetchKeywordVersioned } from './data-version';
import {
  isDemoSource,
  type KeywordRow,
  type KeywordTarget,
  loadKeyword,
  priceOf,
} from './load-keyword';
import { normalizeKeyword } from './normalize-keyword';

export const DETAIL_CACHE_TTL_SECONDS = 300;

/**
 * Everything known of one keyword on one platform: each estimate with its explanation, the
 * price spread, the trend of its weekly series, and how fresh the data is. Cached until the
 * keyword's own data moves (its version: another keyword's collection leaves it cached).
 */
export async function getKeyword(
  deps: { db: Db; cache: Cache },
  target: KeywordTarget,
): Promise<KeywordDetail> {
  const keyword = normalizeKeyword(target.keyword);
  return fetchKeywordVersioned(
    deps.cache,
    target,
    (version) => `kw:detail:v4:${target.platform}:${version}:${target.marketplace}:${keyword}`,
    async () => toDetail(await loadKeyword(deps.db, target, 'weekly')),
    DETAIL_CACHE_TTL_SECONDS,
  );
}

function toDetail(row: KeywordRow): KeywordDetail {
  const e = row.estimates;
  const demo = isDemoSource(row.source);
  const pending = demo
    ? 'Demo data: the simulated market of the sandbox, not an estimate.'
    : 'Estimates are being computed from the latest collection.';
  const price = priceOf(row);
  return {
    id: row.id,
    keyword: row.keyword,
    platform: row.platform,
    marketplace: row.marketplace,
    source: row.source,
    isDemo: demo,
    lastUpdated: new Date(row.last_updated).toISOString(),
    estimatedAt: e?.computedAt ?? null,
    model: e?.model ?? null,
    volume: e?.volume
      ? {
          monthly: e.volume.volume,
          low: e.volume.low,
          high: e.volume.high,
          evidence: e.volume.evidence,
          basis: e.volume.basis ?? null,
          explanation: e.volume.explanation,
        }
      : row.search_volume === null
        ? null
        : {
            monthly: row.search_volume,
            low: row.volume_low ?? row.search_volume,
            high: row.volume_high ?? row.search_volume,
            evidence: demo ? 'demo' : 'pending',
            basis: null,
            explanation: pending,
          },
    competition: e?.competition
      ? {
          score: e.competition.score,
          level: e.competition.level,
          listingCount: row.listing_count,
          topListings: e.competition.topListings ?? null,
          explanation: e.competition.explanation,
        }
      : row.competition === null
        ? null
        : {
            score: row.competition,
            level: competitionLevel(row.competition),
            listingCount: row.listing_count,
            topListings: null,
            explanation: pending,
          },
    cpc: e?.cpc
      ? {
          value: e.cpc.cpc,
          low: e.cpc.low,
          high: e.cpc.high,
          currency: e.cpc.currency,
          source: e.cpc.source,
          explanation: e.cpc.explanation,
        }
      : row.cpc === null
        ? null
        : {
            value: Number(row.cpc),
            low: Number(row.cpc),
            high: Number(row.cpc),
            currency: 'USD',
            source: 'model',
            explanation: pending,
          },
    difficulty: row.difficulty,
    opportunity: row.opportunity,
    reason: e?.reason ?? null,
    price,
    trend: analyzeTrend(row.weekly ?? []),
  };
}
