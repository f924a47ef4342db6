import { z } from 'zod';
import { normalizeKeyword } from '../../keywords/normalize-keyword';
import { parsePayload } from '../parse-payload';
import { buildSearchStats, rankByCount } from '../price-stats';
import type { Listing, SearchStats, Suggestion } from '../types';

/** Etsy Open API v3 findAllListingsActive: ShopListings, ShopListing and Money as in its OpenAPI document. */
const MoneySchema = z.looseObject({
  amount: z.number().int(),
  divisor: z.number().int().positive(),
  currency_code: z.string(),
});

const ShopListingSchema = z.looseObject({
  listing_id: z.number().int(),
  title: z.string(),
  shop_id: z.number().int().nullish(),
  url: z.string().nullish(),
  num_favorers: z.number().int().nullish(),
  tags: z.array(z.string()).nullish(),
  price: MoneySchema.nullish(),
});

const ShopListingsSchema = z.object({
  count: z.number().int().nonnegative(),
  results: z.array(ShopListingSchema),
});

export type EtsyListings = z.infer<typeof ShopListingsSchema>;

export function parseEtsyListings(body: unknown): EtsyListings {
  return parsePayload('etsy', 'listings', ShopListingsSchema, body);
}

export function etsySearchStats(
  listings: EtsyListings,
  keyword: string,
  marketplace: string,
): SearchStats {
  const rows: Listing[] = listings.results.map((l) => ({
    id: String(l.listing_id),
    title: l.title,
    price: l.price ? l.price.amount / l.price.divisor : null,
    currency: l.price?.currency_code ?? null,
    reviews: null,
    favourites: l.num_favorers ?? null,
    salesRank: null,
    seller: l.shop_id == null ? null : String(l.shop_id),
    url: l.url ?? null,
  }));
  return buildSearchStats({
    platform: 'etsy',
    marketplace,
    keyword,
    resultCount: listings.count,
    listings: rows,
  });
}

/**
 * Etsy's public API has no autocomplete. Suggestions are the tags of the top listings for the
 * prefix that extend it, most used first: what sellers who rank for it target.
 */
export function etsyTagSuggestions(
  listings: EtsyListings,
  prefix: string,
  limit = 10,
): Suggestion[] {
  const start = normalizeKeyword(prefix);
  const counts = new Map<string, number>();
  for (const listing of listings.results) {
    for (const tag of new Set((listing.tags ?? []).map(normalizeKeyword))) {
      if (tag.startsWith(start) && tag !== start) counts.set(tag, (counts.get(tag) ?? 0) + 1);
    }
  }
  return rankByCount(counts, limit);
}
