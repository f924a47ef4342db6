import type { Listing, PriceStats, SearchStats, Suggestion } from './types';

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

/** The SearchStats every adapter returns, from its listings and the marketplace's result count. */
export function buildSearchStats(input: Omit<SearchStats, 'price' | 'sellerCount'>): SearchStats {
  return {
    ...input,
    price: priceStats(input.listings),
    sellerCount: distinctSellers(input.listings),
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
