import type { SearchStats } from '../../collectors/types';
import type { VolumeEvidence } from './volume-features';

/** The search part of the volume evidence, from what a marketplace search showed. */
export function searchEvidence(stats: SearchStats): VolumeEvidence['search'] {
  if (stats.resultCount === null) return null;
  return {
    listingCount: stats.resultCount,
    listingsShown: stats.listings.length,
    favouritesMedian: stats.strength.favouritesMedian,
    salesRankMedian: stats.strength.salesRankMedian,
  };
}
