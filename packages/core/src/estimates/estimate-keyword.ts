import type { Platform } from '@digitallz/contracts';
import type { ListingStrength } from '../collectors/types';
import { estimateCpc } from '../intelligence/scores/estimate-cpc';
import { scoreCompetition } from '../intelligence/scores/score-competition';
import { scoreKeyword } from '../intelligence/scores/score-keyword';
import { analyzeTrend, type WeeklyPoint } from '../intelligence/trends/analyze-trend';
import { estimateVolume } from '../intelligence/volume/estimate-volume';
import type { VolumeEvidence } from '../intelligence/volume/volume-features';
import type { VolumeModel } from '../intelligence/volume/volume-model';

/** Everything known of one keyword on one platform: the input of all its estimates. */
export type KeywordFacts = {
  keyword: string;
  platform: Platform;
  autocomplete: VolumeEvidence['autocomplete'];
  listingCount: number | null;
  listingsShown: number | null;
  strength: ListingStrength | null;
  price: { min: number; median: number; max: number } | null;
  /** Suggested bid from the ads API, when connected. */
  bid: number | null;
  /** Earlier weekly volume estimates, oldest first. */
  history: WeeklyPoint[];
};

/** All estimates of one keyword, each with the explanation the UI shows. A pure function. */
export function estimateKeyword(model: VolumeModel, facts: KeywordFacts) {
  const search =
    facts.listingCount === null
      ? null
      : {
          listingCount: facts.listingCount,
          listingsShown: facts.listingsShown ?? 0,
          favouritesMedian: facts.strength?.favouritesMedian ?? null,
          salesRankMedian: facts.strength?.salesRankMedian ?? null,
        };
  const volume = estimateVolume(model, {
    keyword: facts.keyword,
    platform: facts.platform,
    autocomplete: facts.autocomplete,
    search,
  });
  const competition = scoreCompetition({
    platform: facts.platform,
    listingCount: facts.listingCount,
    strength: facts.strength,
    price: facts.price,
  });
  const cpc = estimateCpc({
    platform: facts.platform,
    competition: competition.score,
    bid:
      facts.bid === null ? null : { suggested: facts.bid, low: null, high: null, currency: 'USD' },
  });
  const trend = analyzeTrend(facts.history);
  const scores = scoreKeyword({
    volume: volume.volume,
    competition,
    yearlyChangePct: trend && facts.history.length >= 26 ? trend.yearlyChangePct : null,
  });
  return { volume, competition, cpc, trend, scores };
}

export type KeywordEstimates = ReturnType<typeof estimateKeyword>;
