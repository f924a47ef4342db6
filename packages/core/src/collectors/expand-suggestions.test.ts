import { describe, expect, it } from 'vitest';
import { expandSuggestions } from './expand-suggestions';
import type { Suggestion } from './types';

const VOCABULARY = [
  'wedding invitation',
  'wedding invitation template',
  'wedding invitations printable',
  'wedding planner',
  'wedding planner book',
  'wedding sign',
  'wedding signs template',
  'wedding guest book',
  'wedding 2027',
];

/** A tiny autocomplete: vocabulary entries that start with the prefix, in vocabulary order. */
function autocomplete(limit = 10) {
  const asked: string[] = [];
  const fetch = async (prefix: string): Promise<Suggestion[]> => {
    asked.push(prefix);
    return VOCABULARY.filter((k) => k.startsWith(prefix))
      .slice(0, limit)
      .map((keyword, i) => ({ keyword, position: i + 1 }));
  };
  return { asked, fetch };
}

describe('expandSuggestions', () => {
  it('walks seed, space and letters, most promising first, and records every observation', async () => {
    const { asked, fetch } = autocomplete();
    const result = await expandSuggestions(fetch, {
      seed: 'Wedding',
      budget: 100,
      productiveAt: 2,
    });
    // "wedding " answered three invitation keywords, two planner and two sign ones.
    expect(asked.slice(0, 3)).toEqual(['wedding', 'wedding ', 'wedding i']);
    expect(asked.indexOf('wedding p')).toBeLessThan(asked.indexOf('wedding g'));
    expect(asked.indexOf('wedding g')).toBeLessThan(asked.indexOf('weddinga'));
    expect(asked).toContain('weddinga');
    expect(result.keywords.map((k) => k.keyword)).toEqual(expect.arrayContaining(VOCABULARY));
    const planner = result.keywords.find((k) => k.keyword === 'wedding planner');
    expect(planner).toMatchObject({ bestPosition: expect.any(Number), shortestPrefix: 7 });
    expect(result.observations.filter((o) => o.keyword === 'wedding planner').length).toBe(
      planner?.prefixCount,
    );
  });

  it('goes deeper only under productive prefixes', async () => {
    const { asked, fetch } = autocomplete();
    await expandSuggestions(fetch, { seed: 'wedding', budget: 500, productiveAt: 2 });
    expect(asked).toContain('wedding p');
    expect(asked).toContain('wedding s');
    // "weddinga" returned nothing: none of its children is asked.
    expect(asked.some((p) => p.startsWith('weddinga') && p !== 'weddinga')).toBe(false);
    // "wedding g" returned one keyword: below productiveAt, not expanded.
    expect(asked.some((p) => p.startsWith('wedding g') && p !== 'wedding g')).toBe(false);
  });

  it('stops at the budget and reports what is left', async () => {
    const { asked, fetch } = autocomplete();
    const result = await expandSuggestions(fetch, { seed: 'wedding', budget: 5 });
    expect(asked).toHaveLength(5);
    expect(result.requests).toBe(5);
    expect(result.unexplored).toBeGreaterThan(0);
  });
});
