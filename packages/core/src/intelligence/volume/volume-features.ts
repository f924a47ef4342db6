import type { Platform } from '@digitallz/contracts';

/** What the pipeline observed of one keyword on one platform: the inputs of the volume model. */
export type VolumeEvidence = {
  keyword: string;
  platform: Platform;
  /** From the autocomplete walks; null when the keyword was never suggested. */
  autocomplete: { bestPosition: number; shortestPrefix: number; prefixCount: number } | null;
  /** From a marketplace search for the keyword; null when it was never searched. */
  search: {
    listingCount: number;
    /** Listings the result page showed (a page holds up to 48). */
    listingsShown: number;
    favouritesMedian: number | null;
    salesRankMedian: number | null;
  } | null;
};

/** Which model applies: the more the pipeline saw, the narrower the interval. */
export type EvidenceKind = 'full' | 'autocomplete' | 'search' | 'none';

export function evidenceKind(evidence: VolumeEvidence): EvidenceKind {
  if (evidence.autocomplete && evidence.search) return 'full';
  if (evidence.autocomplete) return 'autocomplete';
  if (evidence.search) return 'search';
  return 'none';
}

/**
 * The feature vector of each kind, all in log space where the quantity is heavy-tailed:
 * autocomplete rank, how many prefixes show it and how much of it must be typed; the number of
 * competing listings; and the buyers' trace on the top listings (Etsy favourites, Amazon Best
 * Sellers Rank), the strongest demand signal a marketplace shows.
 */
export function volumeFeatures(evidence: VolumeEvidence, kind: EvidenceKind): number[] {
  const words = evidence.keyword.split(' ').filter(Boolean).length;
  const ac = evidence.autocomplete;
  const autocomplete = ac
    ? [
        ac.bestPosition,
        Math.log(ac.prefixCount),
        ac.shortestPrefix / Math.max(1, evidence.keyword.length),
      ]
    : [];
  const s = evidence.search;
  const search = s
    ? [
        Math.log10(1 + s.listingCount),
        Math.log10(1 + s.listingsShown),
        s.favouritesMedian === null ? 0 : Math.log10(1 + s.favouritesMedian),
        s.salesRankMedian === null ? 0 : 7 - Math.log10(Math.max(1, s.salesRankMedian)),
      ]
    : [];
  if (kind === 'full') return [1, words, ...autocomplete, ...search];
  if (kind === 'autocomplete') return [1, words, ...autocomplete];
  if (kind === 'search') return [1, words, ...search];
  return [1, words];
}
