import { AppError } from '../../errors';
import { requestJson } from '../http';
import type { Collector, FetchOptions } from '../types';
import marketplaces from './marketplaces.json';
import {
  parseAmazonBidRecommendations,
  parseAmazonCatalogSearch,
  parseAmazonSuggestions,
} from './parse';

type Marketplace = (typeof marketplaces)['US'];

export function amazonMarketplace(code = 'US'): Marketplace & { code: string } {
  const found = (marketplaces as Record<string, Marketplace>)[code.toUpperCase()];
  if (!found) {
    throw new AppError('VALIDATION_FAILED', `Unknown Amazon marketplace ${code}`, {
      details: { allowed: Object.keys(marketplaces) },
    });
  }
  return { ...found, code: code.toUpperCase() };
}

export const amazonCollector: Collector = {
  platform: 'amazon',

  /** Public search autocomplete of the marketplace's storefront. */
  async fetchSuggestions(prefix, options: FetchOptions = {}) {
    const market = amazonMarketplace(options.marketplace);
    const params = new URLSearchParams({
      'page-type': 'Search',
      lop: market.lop,
      'site-variant': 'desktop',
      'client-info': 'amazon-search-ui',
      mid: market.marketplaceId,
      alias: 'aps',
      prefix,
      limit: '11',
      'suggestion-type': 'KEYWORD',
    });
    const url = `${options.baseUrl ?? market.completion}/api/2017/suggestions?${params}`;
    const { body } = await requestJson(
      url,
      { headers: { accept: 'application/json' } },
      { ...options, platform: 'amazon' },
    );
    return {
      platform: 'amazon',
      marketplace: market.code,
      prefix,
      suggestions: parseAmazonSuggestions(body),
    };
  },

  /** Selling Partner API catalog search: result count and top items. Needs an LWA access token. */
  async fetchSearchStats(keyword, options: FetchOptions = {}) {
    const market = amazonMarketplace(options.marketplace);
    const token = options.credentials?.spApiAccessToken;
    if (!token) {
      throw new AppError(
        'MARKETPLACE_CREDENTIALS_REQUIRED',
        'Amazon search statistics need Selling Partner API credentials',
        {
          details: { platform: 'amazon', credential: 'spApiAccessToken' },
        },
      );
    }
    const params = new URLSearchParams({
      keywords: keyword,
      marketplaceIds: market.marketplaceId,
      includedData: 'summaries,salesRanks',
      pageSize: '20',
    });
    const url = `${options.baseUrl ?? market.spApi}/catalog/2022-04-01/items?${params}`;
    const { body } = await requestJson(
      url,
      { headers: { accept: 'application/json', 'x-amz-access-token': token } },
      { ...options, platform: 'amazon' },
    );
    return parseAmazonCatalogSearch(body, keyword, market.code, market.marketplaceId);
  },

  /**
   * Amazon Ads theme-based bid recommendations for exact-match keyword targets, anchored on one of
   * the seller's ASINs. Needs an Ads API client id, access token, profile id and ASIN.
   */
  async fetchBidEstimates(keywords, options: FetchOptions = {}) {
    const market = amazonMarketplace(options.marketplace);
    const c = options.credentials ?? {};
    if (!c.adsClientId || !c.adsAccessToken || !c.adsProfileId || !c.adsAsin) {
      throw new AppError(
        'MARKETPLACE_CREDENTIALS_REQUIRED',
        'Amazon bid estimates need Amazon Ads API credentials',
        {
          details: {
            platform: 'amazon',
            credential: 'adsClientId, adsAccessToken, adsProfileId, adsAsin',
          },
        },
      );
    }
    const body = {
      recommendationType: 'BIDS_FOR_NEW_AD_GROUP',
      asins: [c.adsAsin],
      targetingExpressions: keywords.map((value) => ({ type: 'KEYWORD_EXACT_MATCH', value })),
      bidding: { strategy: 'AUTO_FOR_SALES', adjustment: null },
    };
    const contentType = 'application/vnd.spthemebasedbidrecommendation.v3+json';
    const { body: answer } = await requestJson(
      `${options.baseUrl ?? market.ads}/sp/targets/bid/recommendations`,
      {
        method: 'POST',
        headers: {
          'content-type': contentType,
          accept: contentType,
          authorization: `Bearer ${c.adsAccessToken}`,
          'amazon-advertising-api-clientid': c.adsClientId,
          'amazon-advertising-api-scope': c.adsProfileId,
        },
        body: JSON.stringify(body),
      },
      { ...options, platform: 'amazon' },
    );
    return parseAmazonBidRecommendations(answer, market.currency);
  },
};
