import { describe, expect, it } from 'vitest';
import { jsonFixture } from '../fixtures';
import { ebaySearchStats, ebayTitleSuggestions, parseEbaySearch, TokenSchema } from './parse';

describe('parseEbaySearch', () => {
  it('reads a recorded Browse API search (masked drone results)', () => {
    const stats = ebaySearchStats(
      parseEbaySearch(jsonFixture('ebay/browse_item_summary_search_drone_limit3_masked.json')),
      'drone',
      'US',
    );
    expect(stats.resultCount).toBe(260_202);
    expect(stats.listings).toHaveLength(3);
    expect(stats.listings[0]).toMatchObject({
      price: 59.99,
      currency: 'USD',
      reviews: 130_000,
      title: expect.stringContaining('Syma'),
    });
    expect(stats.price?.currency).toBe('USD');
  });

  it('reads a recorded 100-item search and computes price statistics', () => {
    const search = parseEbaySearch(
      jsonFixture('ebay/browse_item_summary_search_iphone_limit100_best_match.json'),
    );
    const stats = ebaySearchStats(search, 'iphone', 'US');
    expect(stats.listings).toHaveLength(100);
    expect(stats.price).not.toBeNull();
    expect(stats.price?.min).toBeLessThanOrEqual(stats.price?.median ?? 0);
    expect(stats.price?.median).toBeLessThanOrEqual(stats.price?.max ?? 0);
    expect(stats.sellerCount).toBeGreaterThan(10);
    const suggestions = ebayTitleSuggestions(search, 'iphone');
    expect(suggestions.length).toBeGreaterThan(0);
    expect(suggestions.every((s) => s.keyword.startsWith('iphone '))).toBe(true);
  });

  it('never suggests a separator as a word', () => {
    const titles = [
      'Printable - Digital Planner',
      'Printable – digital planner PDF',
      "Printable ' Digital",
    ];
    const search = parseEbaySearch({
      href: 'x',
      total: 3,
      limit: 100,
      offset: 0,
      itemSummaries: titles.map((title, i) => ({
        itemId: `v1|${i}|0`,
        title,
        price: { value: '3.00', currency: 'USD' },
      })),
    });
    const keywords = ebayTitleSuggestions(search, 'printable').map((s) => s.keyword);
    expect(keywords).toContain('printable digital');
    expect(keywords.every((k) => k.split(' ').every((w) => /[a-z0-9]/.test(w)))).toBe(true);
  });

  it('accepts a search with no itemSummaries (no results)', () => {
    const stats = ebaySearchStats(
      parseEbaySearch({ href: 'x', total: 0, limit: 100, offset: 0 }),
      'zzz',
      'US',
    );
    expect(stats).toMatchObject({ resultCount: 0, listings: [], price: null });
  });

  it('keeps an item whose price is missing or unreadable, without a price', () => {
    const search = parseEbaySearch({
      total: 1,
      itemSummaries: [
        { itemId: 'v1|1|0', title: 'Ünïcode 🎉', price: { value: 'n/a', currency: 'USD' } },
      ],
    });
    expect(ebaySearchStats(search, 'x', 'US').listings[0]).toMatchObject({
      price: null,
      currency: null,
      title: 'Ünïcode 🎉',
    });
  });

  it('rejects a body without total as a bad payload', () => {
    expect(() => parseEbaySearch({ errors: [{ errorId: 1001 }] })).toThrow(
      expect.objectContaining({ code: 'MARKETPLACE_BAD_PAYLOAD' }),
    );
  });
});

describe('eBay token response', () => {
  it('matches the recorded client-credentials response shape', () => {
    expect(
      TokenSchema.parse(jsonFixture('ebay/oauth_client_credentials_token_response_REDACTED.json')),
    ).toMatchObject({
      expires_in: 7200,
      token_type: 'Application Access Token',
    });
  });
});
