import { AppError } from '../../errors';
import { requestJson } from '../http';
import type { Collector, FetchOptions } from '../types';
import { etsySearchStats, etsyTagSuggestions, parseEtsyListings } from './parse';

const ETSY_API = 'https://openapi.etsy.com';

async function fetchActiveListings(keywords: string, options: FetchOptions) {
  const apiKey = options.credentials?.etsyApiKey;
  if (!apiKey) {
    throw new AppError(
      'MARKETPLACE_CREDENTIALS_REQUIRED',
      'Etsy needs an Open API key (x-api-key)',
      {
        details: { platform: 'etsy', credential: 'etsyApiKey' },
      },
    );
  }
  const params = new URLSearchParams({ keywords, limit: '100', sort_on: 'score' });
  const url = `${options.baseUrl ?? ETSY_API}/v3/application/listings/active?${params}`;
  const { body } = await requestJson(
    url,
    { headers: { accept: 'application/json', 'x-api-key': apiKey } },
    { ...options, platform: 'etsy' },
  );
  return parseEtsyListings(body);
}

export const etsyCollector: Collector = {
  platform: 'etsy',
  async fetchSuggestions(prefix, options: FetchOptions = {}) {
    const listings = await fetchActiveListings(prefix, options);
    return {
      platform: 'etsy',
      marketplace: options.marketplace ?? 'US',
      prefix,
      suggestions: etsyTagSuggestions(listings, prefix),
    };
  },
  async fetchSearchStats(keyword, options: FetchOptions = {}) {
    return etsySearchStats(
      await fetchActiveListings(keyword, options),
      keyword,
      options.marketplace ?? 'US',
    );
  },
};
