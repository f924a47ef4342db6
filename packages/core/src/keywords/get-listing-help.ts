import type { ListingHelp } from '@digitallz/contracts';
import type { Db } from '@digitallz/db';
import type { Cache } from '../cache';
import { proposeListing } from '../intelligence/listing/propose-listing';
import { RELATED_SHARED, rankRelatedKeywords } from './find-related-keywords';
import type { KeywordTarget } from './load-keyword';
import { normalizeKeyword } from './normalize-keyword';

/** Related keywords the listing text draws on: as many as related keywords' requests share. */
const DRAWN_FROM = RELATED_SHARED;
/**
 * The least closeness of a related keyword it draws on: one holding half the seed's meaning. A
 * Thanksgiving template's listing is not one of a baby resume template, though both are templates.
 */
const CLOSE_ENOUGH = 0.5;

/**
 * Listing text for a keyword, within each marketplace's limits: Etsy tags, Amazon search terms
 * and an eBay title, drawn from the keyword and the related keywords close enough to it, in their
 * order: how close they are to it, times their opportunity (`findRelated`'s score). By
 * opportunity alone, the tags of a Thanksgiving template were those of baby resume and birthday
 * templates.
 */
export async function getListingHelp(
  deps: { db: Db; cache: Cache },
  target: KeywordTarget,
): Promise<ListingHelp> {
  const seed = normalizeKeyword(target.keyword);
  const related = (await rankRelatedKeywords(deps, target)).slice(0, DRAWN_FROM);
  // The keyword itself leads; then the related ones by their score.
  const keywords = [
    { keyword: seed, value: Number.POSITIVE_INFINITY },
    ...related
      .filter((r) => r.closeness >= CLOSE_ENOUGH)
      .map((r) => ({ keyword: r.keyword, value: r.score })),
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
