import type { Platform } from '@digitallz/contracts';

export type Suggestion = { keyword: string; position: number };

export type SuggestionsResult = {
  platform: Platform;
  marketplace: string;
  prefix: string;
  suggestions: Suggestion[];
};

export type Listing = {
  id: string;
  title: string;
  price: number | null;
  currency: string | null;
  /** Reviews (Amazon, eBay seller feedback) or favourites (Etsy): the listing's social proof. */
  reviews: number | null;
  favourites: number | null;
  /** Best Sellers Rank (Amazon): the lower, the more it sells. */
  salesRank: number | null;
  seller: string | null;
  url: string | null;
};

export type PriceStats = { min: number; median: number; max: number; currency: string };

/** How strong the top listings are: the social proof and sales buyers give them. */
export type ListingStrength = {
  favouritesMedian: number | null;
  reviewsMedian: number | null;
  salesRankMedian: number | null;
  /** Share of the top listings held by the seller with the most of them (0-1). */
  topSellerShare: number | null;
};

export type SearchStats = {
  platform: Platform;
  marketplace: string;
  keyword: string;
  /** Total results the marketplace reports for the keyword (competing listings). */
  resultCount: number | null;
  listings: Listing[];
  price: PriceStats | null;
  sellerCount: number;
  strength: ListingStrength;
};

export type BidEstimate = {
  keyword: string;
  low: number | null;
  suggested: number | null;
  high: number | null;
  currency: string;
};

export type Credentials = Record<string, string | undefined>;

export type FetchOptions = {
  /** Base URL of the marketplace endpoint: the real one by default, the sandbox in tests and demos. */
  baseUrl?: string;
  marketplace?: string;
  credentials?: Credentials;
  fetch?: typeof fetch;
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Sees every raw answer before it is parsed. */
  onResponse?: (response: {
    url: string;
    status: number;
    contentType: string;
    text: string;
  }) => void;
};

/** One marketplace, one interface: I/O in `fetch*`, pure parsing in the adapter's parse.ts. */
export type Collector = {
  platform: Platform;
  fetchSuggestions(prefix: string, options?: FetchOptions): Promise<SuggestionsResult>;
  fetchSearchStats(keyword: string, options?: FetchOptions): Promise<SearchStats>;
  fetchBidEstimates?(keywords: string[], options?: FetchOptions): Promise<BidEstimate[]>;
};
