import type { Market } from '../market/market';

/** eBay Browse API item_summary/search (SearchPagedCollection of ItemSummary). */
export function ebaySearch(market: Market, params: URLSearchParams, origin: string) {
  const q = params.get('q') ?? '';
  const limit = Math.min(Math.max(Number(params.get('limit') ?? 50) || 50, 1), 200);
  const { count, listings } = market.search('ebay', q, limit);
  return {
    href: `${origin}/buy/browse/v1/item_summary/search?${params}`,
    total: count,
    limit,
    offset: 0,
    itemSummaries: listings.map((l) => ({
      itemId: `v1|${l.id}|0`,
      title: l.title,
      price: { value: l.price.toFixed(2), currency: 'USD' },
      itemWebUrl: `https://www.ebay.com/itm/${l.id}`,
      seller: {
        username: `seller${l.shopId}`,
        feedbackPercentage: '99.1',
        feedbackScore: l.reviews,
      },
      condition: 'New',
      buyingOptions: ['FIXED_PRICE'],
    })),
  };
}

export function ebayToken() {
  return {
    access_token: `sandbox-${Date.now().toString(36)}`,
    expires_in: 7200,
    token_type: 'Application Access Token',
  };
}
