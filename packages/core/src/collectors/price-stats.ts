import type { Listing, ListingStrength, PriceStats, SearchStats, Suggestion } from './types';

/** Min, median and max of the listings' prices in their most common currency. */
export function priceStats(listings: Listing[]): PriceStats | null {
  const counts = new Map<string, number>();
  for (const l of listings)
    if (l.price !== null && l.currency) counts.set(l.currency, (counts.get(l.currency) ?? 0) + 1);
  const currency = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  if (!currency) return null;
  const prices = listings
    .filter((l) => l.currency === currency && l.price !== null)
    .map((l) => l.price as number)
    .sort((a, b) => a - b);
  const mid = Math.floor(prices.length / 2);
  const median =
    prices.length % 2
      ? (prices[mid] as number)
      : ((prices[mid - 1] as number) + (prices[mid] as number)) / 2;
  return {
    min: prices[0] as number,
    median: Math.round(median * 100) / 100,
    max: prices.at(-1) as number,
    currency,
  };
}

export function distinctSellers(listings: Listing[]): number {
  return new Set(listings.map((l) => l.seller).filter(Boolean)).size;
}

function median(values: (number | null)[]): number | null {
  const known = values.filter((v): v is number => v !== null).sort((a, b) => a - b);
  if (known.length === 0) return null;
  const mid = Math.floor(known.length / 2);
  return known.length % 2
    ? (known[mid] as number)
    : ((known[mid - 1] as number) + (known[mid] as number)) / 2;
}

export function listingStrength(listings: Listing[]): ListingStrength {
  const bySeller = new Map<string, number>();
  for (const l of listings) if (l.seller) bySeller.set(l.seller, (bySeller.get(l.seller) ?? 0) + 1);
  const withSeller = [...bySeller.values()].reduce((a, b) => a + b, 0);
  return {
    favouritesMedian: median(listings.map((l) => l.favourites)),
    reviewsMedian: median(listings.map((l) => l.reviews)),
    salesRankMedian: median(listings.map((l) => l.salesRank)),
    topSellerShare:
      withSeller === 0
        ? null
        : Math.round((Math.max(...bySeller.values()) / withSeller) * 1000) / 1000,
  };
}

/** The SearchStats every adapter returns, from its listings and the marketplace's result count. */
export function buildSearchStats(
  input: Omit<SearchStats, 'price' | 'sellerCount' | 'strength'>,
): SearchStats {
  return {
    ...input,
    price: priceStats(input.listings),
    sellerCount: distinctSellers(input.listings),
    strength: listingStrength(input.listings),
  };
}

/** Phrases counted across listings, most frequent first, numbered as suggestions. */
export function rankByCount(
  counts: Map<string, number>,
  limit: number,
  tieBreak: (a: string, b: string) => number = (a, b) => a.localeCompare(b),
): Suggestion[] {
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || tieBreak(a[0], b[0]))
    .slice(0, limit)
    .map(([keyword], i) => ({ keyword, position: i + 1 }));
}
