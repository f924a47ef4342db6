import { AppError } from '../../errors';
import { requestJson } from '../http';
import type { Collector, FetchOptions } from '../types';
import { ebaySearchStats, ebayTitleSuggestions, parseEbaySearch } from './parse';
import { ebayAccessToken, forgetEbayTokens } from './token';

const EBAY_API = 'https://api.ebay.com';
const MARKETPLACES: Record<string, string> = {
  US: 'EBAY_US',
  UK: 'EBAY_GB',
  DE: 'EBAY_DE',
  FR: 'EBAY_FR',
  IT: 'EBAY_IT',
  ES: 'EBAY_ES',
  CA: 'EBAY_CA',
  AU: 'EBAY_AU',
};

async function searchItems(q: string, options: FetchOptions) {
  const code = (options.marketplace ?? 'US').toUpperCase();
  const marketplaceId = MARKETPLACES[code];
  if (!marketplaceId) {
    throw new AppError('VALIDATION_FAILED', `Unknown eBay marketplace ${code}`, {
      details: { allowed: Object.keys(MARKETPLACES) },
    });
  }
  const base = options.baseUrl ?? EBAY_API;
  const call = async () => {
    const token = await ebayAccessToken(base, options);
    const url = `${base}/buy/browse/v1/item_summary/search?${new URLSearchParams({ q, limit: '100' })}`;
    const headers = {
      accept: 'application/json',
      authorization: `Bearer ${token}`,
      'x-ebay-c-marketplace-id': marketplaceId,
    };
    return requestJson(url, { headers }, { ...options, platform: 'ebay' });
  };
  try {
    return { code, search: parseEbaySearch((await call()).body) };
  } catch (error) {
    // A revoked or expired token: fetch a new one once.
    if (!(error instanceof AppError && error.code === 'MARKETPLACE_AUTH_FAILED')) throw error;
    forgetEbayTokens();
    return { code, search: parseEbaySearch((await call()).body) };
  }
}

export const ebayCollector: Collector = {
  platform: 'ebay',
  async fetchSuggestions(prefix, options: FetchOptions = {}) {
    const { code, search } = await searchItems(prefix, options);
    return {
      platform: 'ebay',
      marketplace: code,
      prefix,
      suggestions: ebayTitleSuggestions(search, prefix),
    };
  },
  async fetchSearchStats(keyword, options: FetchOptions = {}) {
    const { code, search } = await searchItems(keyword, options);
    return ebaySearchStats(search, keyword, code);
  },
};
