import type { ListingHelp } from '@digitallz/contracts';
import type { Db } from '@digitallz/db';
import type { Cache } from '../cache';
import { proposeListing } from '../intelligence/listing/propose-listing';
import { findRelatedKeywords } from './find-related-keywords';
import type { KeywordTarget } from './load-keyword';
import { normalizeKeyword } from './normalize-keyword';

/** Related keywords the listing text draws on. */
const DRAWN_FROM = 60;

/**
 * Listing text for a keyword, within each marketplace's limits: Etsy tags, Amazon search terms
 * and an eBay title, drawn from the keyword and its related keywords, best opportunity first.
 */
export async function getListingHelp(
  deps: { db: Db; cache: Cache },
  target: KeywordTarget,
): Promise<ListingHelp> {
  const seed = normalizeKeyword(target.keyword);
  const related = await findRelatedKeywords(deps, { ...target, limit: DRAWN_FROM });
  // The keyword itself leads; then the related ones by opportunity.
  const keywords = [
    { keyword: seed, opportunity: 101 },
    ...related.data.map((r) => ({ keyword: r.keyword, opportunity: r.opportunity ?? 0 })),
  ];
  const proposal = proposeListing(keywords);
  return {
    keyword: seed,
    platform: target.platform,
    marketplace: target.marketplace,
    ...proposal,
    basedOn: keywords.map((k) => k.keyword),
  };
}
