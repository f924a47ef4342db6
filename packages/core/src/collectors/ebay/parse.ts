import { z } from 'zod';
import { normalizeKeyword } from '../../keywords/normalize-keyword';
import { parsePayload } from '../parse-payload';
import { buildSearchStats, rankByCount } from '../price-stats';
import type { Listing, SearchStats, Suggestion } from '../types';

/** eBay Browse API item_summary/search (SearchPagedCollection / ItemSummary, as in its reference). */
const AmountSchema = z.looseObject({ value: z.string(), currency: z.string() });

const ItemSummarySchema = z.looseObject({
  itemId: z.string(),
  title: z.string(),
  price: AmountSchema.optional(),
  itemWebUrl: z.string().optional(),
  seller: z
    .looseObject({ username: z.string().optional(), feedbackScore: z.number().int().optional() })
    .optional(),
});

const SearchSchema = z.looseObject({
  total: z.number().int().nonnegative(),
  itemSummaries: z.array(ItemSummarySchema).optional(),
});

export type EbaySearch = z.infer<typeof SearchSchema>;

export function parseEbaySearch(body: unknown): EbaySearch {
  return parsePayload('ebay', 'item search', SearchSchema, body);
}

export function ebaySearchStats(
  search: EbaySearch,
  keyword: string,
  marketplace: string,
): SearchStats {
  const listings: Listing[] = (search.itemSummaries ?? []).map((item) => {
    const price = item.price ? Number(item.price.value) : Number.NaN;
    return {
      id: item.itemId,
      title: item.title,
      price: Number.isFinite(price) ? price : null,
      currency: Number.isFinite(price) ? (item.price?.currency ?? null) : null,
      reviews: item.seller?.feedbackScore ?? null,
      favourites: null,
      salesRank: null,
      seller: item.seller?.username ?? null,
      url: item.itemWebUrl ?? null,
    };
  });
  return buildSearchStats({
    platform: 'ebay',
    marketplace,
    keyword,
    resultCount: search.total,
    listings: listings,
  });
}

/**
 * Phrases of the top item titles that extend the prefix (up to three more words), most frequent
 * first: what sellers who rank for the prefix put in their titles.
 */
export function ebayTitleSuggestions(search: EbaySearch, prefix: string, limit = 10): Suggestion[] {
  const start = normalizeKeyword(prefix);
  const startWords = start.split(' ');
  const counts = new Map<string, number>();
  for (const item of search.itemSummaries ?? []) {
    // Separators such as a lone "-" or "'" are not words a buyer types.
    const words = normalizeKeyword(item.title.replace(/[^\p{L}\p{N}\s'-]/gu, ' '))
      .split(' ')
      .filter((w) => /[\p{L}\p{N}]/u.test(w));
    const seen = new Set<string>();
    for (let i = 0; i + startWords.length <= words.length; i++) {
      if (words.slice(i, i + startWords.length).join(' ') !== start) continue;
      for (let extra = 1; extra <= 3 && i + startWords.length + extra <= words.length; extra++) {
        seen.add(words.slice(i, i + startWords.length + extra).join(' '));
      }
    }
    for (const phrase of seen) counts.set(phrase, (counts.get(phrase) ?? 0) + 1);
  }
  for (const [phrase, n] of counts) if (n < 2) counts.delete(phrase);
  return rankByCount(counts, limit, (a, b) => a.length - b.length || a.localeCompare(b));
}

/** OAuth client-credentials token response (eBay identity API). */
export const TokenSchema = z.looseObject({
  access_token: z.string().min(1),
  expires_in: z.number().int().positive(),
  token_type: z.string(),
});
