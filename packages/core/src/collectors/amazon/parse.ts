import { z } from 'zod';
import { normalizeKeyword } from '../../keywords/normalize-keyword';
import { parsePayload } from '../parse-payload';
import { buildSearchStats } from '../price-stats';
import type { BidEstimate, Listing, SearchStats, Suggestion } from '../types';

/** GET completion.amazon.<tld>/api/2017/suggestions (undocumented; shape as in recorded responses). */
const SuggestionsSchema = z.object({
  prefix: z.string(),
  suggestions: z.array(
    z.looseObject({
      value: z.string(),
      type: z.string().optional(),
      suggType: z.string().optional(),
    }),
  ),
});

/** Legacy completion.amazon.com/search/complete: [prefix, [suggestions], [nodes], [], id]. */
const LegacySchema = z.tuple([z.string(), z.array(z.string())]).rest(z.unknown());

export function parseAmazonSuggestions(body: unknown): Suggestion[] {
  const rows = Array.isArray(body)
    ? parsePayload('amazon', 'suggestions', LegacySchema, body)[1]
    : parsePayload('amazon', 'suggestions', SuggestionsSchema, body)
        .suggestions.filter((s) => (s.type ?? 'KEYWORD') === 'KEYWORD')
        .map((s) => s.value);
  return rankSuggestions(rows);
}

/** Normalised, de-duplicated, numbered from 1 in the order the marketplace gave them. */
export function rankSuggestions(values: string[]): Suggestion[] {
  const seen = new Set<string>();
  const out: Suggestion[] = [];
  for (const value of values) {
    const keyword = normalizeKeyword(value);
    if (!keyword || seen.has(keyword)) continue;
    seen.add(keyword);
    out.push({ keyword, position: out.length + 1 });
  }
  return out;
}

/** Selling Partner API searchCatalogItems (catalogItems 2022-04-01): field names as in its model. */
const CatalogSchema = z.object({
  numberOfResults: z.number().int().nonnegative(),
  items: z.array(
    z.looseObject({
      asin: z.string(),
      summaries: z
        .array(
          z.looseObject({
            marketplaceId: z.string(),
            itemName: z.string().optional(),
            brand: z.string().optional(),
          }),
        )
        .optional(),
      salesRanks: z
        .array(
          z.looseObject({
            marketplaceId: z.string(),
            classificationRanks: z.array(z.looseObject({ rank: z.number() })).optional(),
            displayGroupRanks: z.array(z.looseObject({ rank: z.number() })).optional(),
          }),
        )
        .optional(),
    }),
  ),
});

/** The item's Best Sellers Rank in its website display group (the broad one), else its best. */
function bestSellersRank(
  ranks: z.infer<typeof CatalogSchema>['items'][number]['salesRanks'],
  marketplaceId: string,
): number | null {
  const entry = ranks?.find((r) => r.marketplaceId === marketplaceId) ?? ranks?.[0];
  const all = [...(entry?.displayGroupRanks ?? []), ...(entry?.classificationRanks ?? [])];
  return (
    entry?.displayGroupRanks?.[0]?.rank ?? (all.length ? Math.min(...all.map((r) => r.rank)) : null)
  );
}

export function parseAmazonCatalogSearch(
  body: unknown,
  keyword: string,
  marketplace: string,
  marketplaceId: string,
): SearchStats {
  const catalog = parsePayload('amazon', 'catalog search', CatalogSchema, body);
  const listings: Listing[] = catalog.items.map((item) => {
    const summary =
      item.summaries?.find((s) => s.marketplaceId === marketplaceId) ?? item.summaries?.[0];
    return {
      id: item.asin,
      title: summary?.itemName ?? '',
      price: null,
      currency: null,
      reviews: null,
      favourites: null,
      salesRank: bestSellersRank(item.salesRanks, marketplaceId),
      seller: summary?.brand ?? null,
      url: null,
    };
  });
  return buildSearchStats({
    platform: 'amazon',
    marketplace,
    keyword,
    resultCount: catalog.numberOfResults,
    listings: listings,
  });
}

/** Ads API theme-based bid recommendations (v3): three bid values per targeting expression. */
const BidRecommendationsSchema = z.object({
  bidRecommendations: z.array(
    z.looseObject({
      theme: z.string(),
      bidRecommendationsForTargetingExpressions: z.array(
        z.looseObject({
          targetingExpression: z.looseObject({ type: z.string(), value: z.string().optional() }),
          bidValues: z.array(z.looseObject({ suggestedBid: z.number().nonnegative() })),
        }),
      ),
    }),
  ),
});

export function parseAmazonBidRecommendations(body: unknown, currency: string): BidEstimate[] {
  const parsed = parsePayload('amazon', 'bid recommendations', BidRecommendationsSchema, body);
  const theme =
    parsed.bidRecommendations.find((t) => t.theme === 'CONVERSION_OPPORTUNITIES') ??
    parsed.bidRecommendations[0];
  return (theme?.bidRecommendationsForTargetingExpressions ?? [])
    .filter((r) => r.targetingExpression.value)
    .map((r) => {
      const bids = r.bidValues.map((b) => b.suggestedBid).sort((a, b) => a - b);
      return {
        keyword: normalizeKeyword(r.targetingExpression.value as string),
        low: bids[0] ?? null,
        suggested: bids[Math.floor(bids.length / 2)] ?? null,
        high: bids.at(-1) ?? null,
        currency,
      };
    });
}
