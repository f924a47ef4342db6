import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import {
  parseAmazonBidRecommendations,
  parseAmazonCatalogSearch,
  parseAmazonSuggestions,
} from './amazon/parse';
import { parseEbaySearch } from './ebay/parse';
import { parseEtsyListings } from './etsy/parse';
import { jsonFixture } from './fixtures';

/**
 * Property-based fuzzing of the marketplace parsers (issue 10): whatever a marketplace sends, a
 * parser returns data or refuses the payload with MARKETPLACE_BAD_PAYLOAD (which quarantines
 * it); it never throws anything else, and what it returns holds no NaN or infinity. Inputs:
 * arbitrary JSON, and the real recorded payloads with one value replaced, a key removed or an
 * array emptied anywhere in them.
 */
const PARSERS: { name: string; fixture: string; parse: (body: unknown) => unknown }[] = [
  {
    name: 'amazon suggestions',
    fixture: 'amazon/api2017_suggestions_te_excerpt_closed.json',
    parse: parseAmazonSuggestions,
  },
  {
    name: 'amazon catalog search',
    fixture: 'amazon/searchCatalogItems_200_example.json',
    parse: (body) => parseAmazonCatalogSearch(body, 'planner', 'US', 'ATVPDKIKX0DER'),
  },
  {
    name: 'amazon bid recommendations',
    fixture: 'amazon/sp_theme_based_bid_recommendations_documented_example_keywords_response.json',
    parse: (body) => parseAmazonBidRecommendations(body, 'USD'),
  },
  {
    name: 'etsy listings',
    fixture: 'etsy/api_v3_empty_listings_response.json',
    parse: parseEtsyListings,
  },
  {
    name: 'ebay item search',
    fixture: 'ebay/browse_item_summary_search_iphone_limit100_best_match.json',
    parse: parseEbaySearch,
  },
];

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every path to a value inside `value`. */
function paths(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return [prefix, ...value.flatMap((v, i) => paths(v, [...prefix, i]))];
  if (value && typeof value === 'object')
    return [prefix, ...Object.entries(value).flatMap(([k, v]) => paths(v, [...prefix, k]))];
  return [prefix];
}

type Mutation = { kind: 'replace' | 'remove' | 'empty'; with: Json };

function mutate(value: Json, path: (string | number)[], mutation: Mutation): Json {
  if (path.length === 0) return mutation.kind === 'empty' ? [] : mutation.with;
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  if (Array.isArray(value)) {
    const copy = [...value];
    if (rest.length === 0 && mutation.kind === 'remove') copy.splice(Number(head), 1);
    else copy[Number(head)] = mutate(copy[Number(head)] as Json, rest, mutation);
    return copy;
  }
  const copy = { ...(value as Record<string, Json>) };
  if (rest.length === 0 && mutation.kind === 'remove') delete copy[head];
  else copy[head] = mutate(copy[head] as Json, rest, mutation);
  return copy;
}

/** Parses, and says what happened: returned (with the result) or refused; anything else throws. */
function outcome(parse: (body: unknown) => unknown, body: unknown) {
  try {
    return { returned: parse(body) };
  } catch (error) {
    if (error instanceof AppError && error.code === 'MARKETPLACE_BAD_PAYLOAD')
      return { refused: true };
    throw error;
  }
}

const hasNonFinite = (value: unknown): boolean =>
  typeof value === 'number'
    ? !Number.isFinite(value)
    : Array.isArray(value)
      ? value.some(hasNonFinite)
      : value !== null && typeof value === 'object'
        ? Object.values(value).some(hasNonFinite)
        : false;

const anyJson = fc.jsonValue({ maxDepth: 6 }) as fc.Arbitrary<Json>;
const oddValues = fc.oneof(
  anyJson,
  fc.constantFrom<Json>(
    '',
    ' ',
    'NaN',
    '1e309',
    '-1',
    '0x10',
    '\u0000',
    '<script>',
    '💥'.repeat(50),
  ),
  fc.constantFrom<Json>(-1, 0, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 0.1),
);

describe.each(PARSERS)('the $name parser under fuzzing', ({ fixture, parse }) => {
  const recorded = jsonFixture(fixture) as Json;

  it('reads the recorded payload', () => {
    expect(outcome(parse, recorded)).toHaveProperty('returned');
  });

  it('returns data or refuses the payload, for any JSON', () => {
    fc.assert(
      fc.property(anyJson, (body) => {
        const result = outcome(parse, body);
        if ('returned' in result) expect(hasNonFinite(result.returned)).toBe(false);
      }),
      { numRuns: 1_000, seed: 42 },
    );
  });

  it('returns data or refuses the payload, for the recorded payload changed anywhere', () => {
    const all = paths(recorded);
    const mutation = fc.record({
      at: fc.integer({ min: 0, max: all.length - 1 }),
      kind: fc.constantFrom<Mutation['kind']>('replace', 'remove', 'empty'),
      with: oddValues,
    });
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 3 }), (mutations) => {
        let body = recorded;
        for (const m of mutations) body = mutate(body, all[m.at] ?? [], m);
        const result = outcome(parse, body);
        if ('returned' in result) expect(hasNonFinite(result.returned)).toBe(false);
      }),
      { numRuns: 2_000, seed: 42 },
    );
  });
});
