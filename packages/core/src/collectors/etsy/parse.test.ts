import { describe, expect, it } from 'vitest';
import { jsonFixture } from '../fixtures';
import { etsySearchStats, etsyTagSuggestions, parseEtsyListings } from './parse';

/** Field names from the ShopListing and Money schemas of Etsy's OpenAPI document (see PROVENANCE.md). */
function listing(id: number, amount: number, tags: string[], extra: Record<string, unknown> = {}) {
  return {
    listing_id: id,
    user_id: 7,
    shop_id: 100 + (id % 3),
    title: `Listing ${id} ✨`,
    state: 'active',
    url: `https://www.etsy.com/listing/${id}`,
    num_favorers: id * 10,
    tags,
    price: { amount, divisor: 100, currency_code: 'USD' },
    ...extra,
  };
}

describe('parseEtsyListings', () => {
  it('reads the recorded empty response', () => {
    const listings = parseEtsyListings(jsonFixture('etsy/api_v3_empty_listings_response.json'));
    expect(etsySearchStats(listings, 'x', 'US')).toMatchObject({
      resultCount: 0,
      listings: [],
      price: null,
      sellerCount: 0,
    });
  });

  it('rejects the recorded error body as a bad payload', () => {
    expect(() => parseEtsyListings(jsonFixture('etsy/api_v3_error_offset_too_large.json'))).toThrow(
      expect.objectContaining({ code: 'MARKETPLACE_BAD_PAYLOAD' }),
    );
  });

  it('turns listings into counts, prices in currency units, favourites and sellers', () => {
    const body = {
      count: 18_300,
      results: [
        listing(1, 499, ['wedding planner', 'wedding planner printable']),
        listing(2, 1250, ['wedding planner', 'bride gift']),
        listing(3, 899, ['wedding planner pdf'], { price: null }),
        listing(4, 350, [], { num_favorers: null, tags: null }),
      ],
    };
    const stats = etsySearchStats(parseEtsyListings(body), 'wedding planner', 'US');
    expect(stats.resultCount).toBe(18_300);
    expect(stats.listings[0]).toMatchObject({
      id: '1',
      price: 4.99,
      currency: 'USD',
      favourites: 10,
      seller: '101',
    });
    expect(stats.listings[2]).toMatchObject({ price: null, currency: null });
    expect(stats.price).toEqual({ min: 3.5, median: 4.99, max: 12.5, currency: 'USD' });
    expect(stats.sellerCount).toBe(3);
  });

  it('suggests the tags that extend the prefix, most used first', () => {
    const body = {
      count: 3,
      results: [
        listing(1, 100, ['Wedding Planner', 'wedding sign', 'bride']),
        listing(2, 100, ['wedding planner', 'wedding  sign']),
        listing(3, 100, ['wedding planner', 'wedding']),
      ],
    };
    expect(etsyTagSuggestions(parseEtsyListings(body), 'wedding')).toEqual([
      { keyword: 'wedding planner', position: 1 },
      { keyword: 'wedding sign', position: 2 },
    ]);
  });
});
