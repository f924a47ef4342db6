import type { Market } from '../market/market';
import { marketplaceIdFor } from './marketplace-ids';

/** Amazon autocomplete (api/2017/suggestions), field names as in recorded responses. */
export function amazonSuggestions(market: Market, params: URLSearchParams) {
  const prefix = params.get('prefix') ?? '';
  const limit = Math.min(Number(params.get('limit') ?? 10) || 10, 20);
  const suggestions = market.suggest('amazon', prefix, limit).map((k, i) => ({
    suggType: 'KeywordSuggestion',
    type: 'KEYWORD',
    value: k.keyword,
    refTag: `nb_sb_ss_sandbox_${i + 1}_${prefix.length}`,
    candidateSources: 'local',
    strategyId: 'organic',
    prior: 0.0,
    ghost: false,
    help: false,
  }));
  return { alias: params.get('alias') ?? 'aps', prefix, suffix: '', suggestions };
}

/** Selling Partner API searchCatalogItems (2022-04-01), field names as in its model. */
export function amazonCatalogSearch(market: Market, params: URLSearchParams) {
  const keywords = (params.get('keywords') ?? '').split(',').join(' ');
  const marketplaceId = params.get('marketplaceIds')?.split(',')[0] ?? marketplaceIdFor('US');
  const pageSize = Math.min(Number(params.get('pageSize') ?? 10) || 10, 20);
  const { count, listings } = market.search('amazon', keywords, pageSize);
  return {
    numberOfResults: count,
    pagination: {},
    refinements: { brands: [], classifications: [] },
    items: listings.map((l) => ({
      asin: `B0${l.id.toString(36).toUpperCase().padStart(8, '0').slice(-8)}`,
      summaries: [
        {
          marketplaceId,
          brand: `Shop${l.shopId}`,
          itemName: l.title,
          itemClassification: 'BASE_PRODUCT',
        },
      ],
      salesRanks: [
        {
          marketplaceId,
          classificationRanks: [],
          displayGroupRanks: [
            {
              websiteDisplayGroup: 'digital_text_display_on_website',
              title: 'Digital Products',
              link: 'http://www.amazon.com/gp/bestsellers/digital-text',
              rank: l.salesRank,
            },
          ],
        },
      ],
    })),
  };
}

/** Ads API theme-based bid recommendations (v3): low, suggested and high bids around the true CPC. */
export function amazonBidRecommendations(market: Market, body: unknown) {
  const expressions = (
    (body as { targetingExpressions?: { type: string; value?: string }[] })?.targetingExpressions ??
    []
  ).slice(0, 100);
  return {
    bidRecommendations: [
      {
        theme: 'CONVERSION_OPPORTUNITIES',
        bidRecommendationsForTargetingExpressions: expressions.map((expression) => {
          const cpc = market.truth('amazon', expression.value ?? '')?.cpc ?? 0.3;
          return {
            targetingExpression: expression,
            bidValues: [0.6, 1, 1.5].map((f) => ({
              suggestedBid: Math.round(cpc * f * 100) / 100,
            })),
          };
        }),
      },
    ],
  };
}
