import type { KeywordSummary } from '@digitallz/contracts';
import { describe, expect, it } from 'vitest';
import { arrange, exportSort, filterParams, passes } from './grid';

const row = (keyword: string, fields: Partial<KeywordSummary> = {}) =>
  ({
    id: keyword,
    keyword,
    platform: 'etsy',
    marketplace: 'US',
    searchVolume: 100,
    volumeLow: 80,
    volumeHigh: 120,
    competition: 0.5,
    cpc: 1,
    difficulty: 50,
    opportunity: 50,
    listingCount: 1_000,
    yearlyChangePct: null,
    relevance: 1,
    lastUpdated: '2026-11-24T00:00:00Z',
    ...fields,
  }) as KeywordSummary;

describe('the results grid', () => {
  const rows = [
    row('wedding planner', { searchVolume: 900, competition: 0.8, yearlyChangePct: -12.5 }),
    row('budget planner printable', { searchVolume: 300, competition: 0.2, yearlyChangePct: 40 }),
    row('planner stickers', { searchVolume: null }),
    row('daily planner', { searchVolume: 300, opportunity: 90, yearlyChangePct: 3 }),
  ];

  it('sorts by a column either way, missing figures last, ties in the order given', () => {
    const byVolume = (dir: 'asc' | 'desc') =>
      arrange(rows, {}, { key: 'volume', dir }).map((r) => r.keyword);
    expect(byVolume('desc')).toEqual([
      'wedding planner',
      'budget planner printable',
      'daily planner',
      'planner stickers',
    ]);
    expect(byVolume('asc')).toEqual([
      'budget planner printable',
      'daily planner',
      'wedding planner',
      'planner stickers',
    ]);
    // The yearly change: growing first, an unknown change last.
    expect(arrange(rows, {}, { key: 'trend', dir: 'desc' }).map((r) => r.keyword)).toEqual([
      'budget planner printable',
      'daily planner',
      'wedding planner',
      'planner stickers',
    ]);
    expect(arrange(rows, {}, { key: 'keyword', dir: 'asc' })[0]?.keyword).toBe(
      'budget planner printable',
    );
  });

  it('filters on figures, word count and words, a missing figure failing a figure filter', () => {
    const kept = (filters: Parameters<typeof passes>[1]) =>
      rows.filter((r) => passes(r, filters)).map((r) => r.keyword);
    expect(kept({ minVolume: 300 })).toEqual([
      'wedding planner',
      'budget planner printable',
      'daily planner',
    ]);
    expect(kept({ maxCompetition: 0.5, maxWords: 2 })).toEqual([
      'planner stickers',
      'daily planner',
    ]);
    expect(kept({ includes: 'Planner  printable' })).toEqual(['budget planner printable']);
    expect(kept({ excludes: 'wedding daily' })).toEqual([
      'budget planner printable',
      'planner stickers',
    ]);
    expect(kept({ minOpportunity: 60 })).toEqual(['daily planner']);
    expect(kept({ minYearlyChange: 0 })).toEqual(['budget planner printable', 'daily planner']);
    expect(kept({ minYearlyChange: -20 })).toEqual([
      'wedding planner',
      'budget planner printable',
      'daily planner',
    ]);
  });

  it("gives the filters as the list endpoints' parameters, terms comma-separated", () => {
    expect(filterParams({})).toEqual({});
    expect(
      filterParams({
        minVolume: 300,
        minYearlyChange: -5,
        maxCompetition: 0.5,
        includes: ' Planner  printable ',
        excludes: '',
      }),
    ).toEqual({
      minVolume: '300',
      minYearlyChange: '-5',
      maxCompetition: '0.5',
      includes: 'planner,printable',
    });
    // Within what the endpoints accept, keeping the same keywords.
    expect(
      filterParams({
        minVolume: 1.5,
        minYearlyChange: -250,
        maxCompetition: 2,
        maxDifficulty: 50.7,
        minOpportunity: 30.2,
        maxWords: 25,
      }),
    ).toEqual({
      minVolume: '2',
      minYearlyChange: '-100',
      maxCompetition: '1',
      maxDifficulty: '50',
      minOpportunity: '31',
      maxWords: '20',
    });
  });

  it("gives the grid's order as an endpoint's sort where the endpoint has it", () => {
    expect(exportSort({ key: 'relevance', dir: 'desc' })).toBe('relevance');
    expect(exportSort({ key: 'volume', dir: 'desc' })).toBe('volume');
    expect(exportSort({ key: 'opportunity', dir: 'desc' })).toBe('opportunity');
    // The endpoint's difficulty sort is the easiest first.
    expect(exportSort({ key: 'difficulty', dir: 'asc' })).toBe('difficulty');
    expect(exportSort({ key: 'difficulty', dir: 'desc' })).toBeNull();
    expect(exportSort({ key: 'volume', dir: 'asc' })).toBeNull();
    expect(exportSort({ key: 'trend', dir: 'desc' })).toBeNull();
  });
});
