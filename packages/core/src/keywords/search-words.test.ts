import { describe, expect, it } from 'vitest';
import { searchWords, wordPairs } from './search-words';

describe('wordPairs', () => {
  it('has no pair for fewer than two words', () => {
    expect(wordPairs([])).toEqual([]);
    expect(wordPairs(['planner'])).toEqual([]);
    expect(wordPairs(['planner', 'planner'])).toEqual([]);
  });

  it('covers every word with as few pairs as that takes, each in byte order', () => {
    expect(wordPairs(['weekly', 'planner'])).toEqual(['planner weekly']);
    expect(wordPairs(['svg', 'birthday', '2028'])).toEqual(['2028 birthday', '2028 svg']);
    expect(wordPairs(['d', 'c', 'b', 'a'])).toEqual(['a b', 'c d']);
    const five = wordPairs(['e', 'd', 'c', 'b', 'a']);
    expect(five).toEqual(['a b', 'c d', 'a e']);
    expect(new Set(five.flatMap((p) => p.split(' ')))).toEqual(new Set(['a', 'b', 'c', 'd', 'e']));
  });

  it("orders by UTF-8 bytes as PostgreSQL's C collation does, not by UTF-16 units", () => {
    // U+FFFD is one UTF-16 unit above the emoji's first surrogate, but its UTF-8 bytes come first.
    expect(['😀', '\uFFFD'].sort()).toEqual(['😀', '\uFFFD']);
    expect(wordPairs(['😀', '\uFFFD'])).toEqual(['\uFFFD 😀']);
  });
});

describe('searchWords', () => {
  it('drops stop words unless nothing else is left', () => {
    expect(searchWords('planner for teachers')).toEqual(['planner', 'teachers']);
    expect(searchWords('for the')).toEqual(['for', 'the']);
  });
});
