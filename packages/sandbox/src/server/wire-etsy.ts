import type { Market } from '../market/market';

/** Etsy Open API v3 findAllListingsActive: ShopListings of ShopListing, with Money prices. */
export function etsyListings(market: Market, params: URLSearchParams) {
  const limit = Math.min(Math.max(Number(params.get('limit') ?? 25) || 25, 1), 100);
  const { count, listings } = market.search('etsy', params.get('keywords') ?? '', limit);
  return {
    count,
    results: listings.map((l) => ({
      listing_id: l.id,
      user_id: l.shopId * 3,
      shop_id: l.shopId,
      title: l.title,
      state: 'active',
      url: `https://www.etsy.com/listing/${l.id}`,
      num_favorers: l.favourites,
      listing_type: 'download',
      tags: l.tags,
      price: { amount: Math.round(l.price * 100), divisor: 100, currency_code: 'USD' },
    })),
  };
}
