import { describe, expect, it } from 'vitest';
import { jsonFixture } from '../fixtures';
import {
  parseAmazonBidRecommendations,
  parseAmazonCatalogSearch,
  parseAmazonSuggestions,
} from './parse';

describe('parseAmazonSuggestions', () => {
  it('reads the api/2017/suggestions format (recorded response)', () => {
    const body = jsonFixture('amazon/api2017_suggestions_te_excerpt_closed.json');
    expect(parseAmazonSuggestions(body)).toEqual([
      { keyword: 'tent', position: 1 },
      { keyword: 'terro liquid ant baits indoor', position: 2 },
    ]);
  });

  it('reads the legacy search/complete format (recorded response)', () => {
    expect(
      parseAmazonSuggestions(jsonFixture('amazon/legacy_search_complete_disney_ufufy.json')),
    ).toEqual([{ keyword: 'disney ufufy', position: 1 }]);
  });

  it('skips widgets, normalises case and spacing, drops duplicates, keeps unicode and emoji', () => {
    const body = {
      prefix: 'pl',
      suggestions: [
        { value: 'Planner  2027', type: 'KEYWORD' },
        { value: 'sponsored thing', type: 'WIDGET' },
        { value: 'planner 2027', type: 'KEYWORD' },
        { value: 'Planificateur hebdomadaire é', type: 'KEYWORD' },
        { value: 'planner 🌸 stickers' },
      ],
    };
    expect(parseAmazonSuggestions(body)).toEqual([
      { keyword: 'planner 2027', position: 1 },
      { keyword: 'planificateur hebdomadaire é', position: 2 },
      { keyword: 'planner 🌸 stickers', position: 3 },
    ]);
  });

  it('accepts an empty suggestion list', () => {
    expect(parseAmazonSuggestions({ prefix: 'zzzq', suggestions: [] })).toEqual([]);
  });

  it.each([
    ['an HTML page', '<html>Robot check</html>'],
    ['a missing suggestions field', { prefix: 'te' }],
    ['a suggestion without value', { prefix: 'te', suggestions: [{ type: 'KEYWORD' }] }],
    ['null', null],
  ])('rejects %s as a bad payload', (_name, body) => {
    expect(() => parseAmazonSuggestions(body)).toThrow(
      expect.objectContaining({ code: 'MARKETPLACE_BAD_PAYLOAD' }),
    );
  });
});

describe('parseAmazonCatalogSearch', () => {
  it('reads the SP-API searchCatalogItems example (Amazon-authored)', () => {
    const stats = parseAmazonCatalogSearch(
      jsonFixture('amazon/searchCatalogItems_200_example.json'),
      'samsung tv',
      'US',
      'ATVPDKIKX0DER',
    );
    expect(stats.resultCount).toBe(1);
    expect(stats.listings[0]).toMatchObject({
      id: 'B07N4M94X4',
      seller: 'SAMSUNG',
      title: expect.stringContaining('QLED'),
      // Best Sellers Rank in the website display group ("Electronics"), not the sub-category's 113.
      salesRank: 72_855,
    });
    expect(stats.price).toBeNull();
    expect(stats.sellerCount).toBe(1);
    expect(stats.strength).toEqual({
      favouritesMedian: null,
      reviewsMedian: null,
      salesRankMedian: 72_855,
      topSellerShare: 1,
    });
  });

  it('reads the SP-API sandbox static response', () => {
    const { response } = jsonFixture('amazon/searchCatalogItems_sandbox_static.json') as {
      response: unknown;
    };
    const stats = parseAmazonCatalogSearch(response, 'samsung tv', 'US', 'ATVPDKIKX0DER');
    expect(stats.listings.length).toBeGreaterThan(0);
  });
});

describe('parseAmazonBidRecommendations', () => {
  it('reads the Ads API theme-based bid recommendations example (Amazon-documented)', () => {
    const bids = parseAmazonBidRecommendations(
      jsonFixture(
        'amazon/sp_theme_based_bid_recommendations_documented_example_keywords_response.json',
      ),
      'USD',
    );
    expect(bids).toHaveLength(5);
    expect(bids[0]).toEqual({
      keyword: 'sandals',
      low: 0.15,
      suggested: 0.45,
      high: 0.77,
      currency: 'USD',
    });
    expect(bids.find((b) => b.keyword === 'phone')).toEqual({
      keyword: 'phone',
      low: 0.13,
      suggested: 0.14,
      high: 0.54,
      currency: 'USD',
    });
  });

  it('rejects an error body as a bad payload', () => {
    expect(() =>
      parseAmazonBidRecommendations({ code: '422', details: 'unsupported marketplace' }, 'USD'),
    ).toThrow(expect.objectContaining({ code: 'MARKETPLACE_BAD_PAYLOAD' }));
  });
});
