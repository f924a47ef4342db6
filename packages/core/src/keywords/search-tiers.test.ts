import { describe, expect, it } from 'vitest';
import { prefixEnd } from './search-tiers';

describe('prefixEnd', () => {
  it('is the least string after every string starting with the prefix, in code point order', () => {
    expect(prefixEnd('planner')).toBe('plannes');
    expect(prefixEnd('café')).toBe('cafê');
    expect(prefixEnd('tea 😀')).toBe('tea 😁');
    // U+D7FF is followed by U+E000: the surrogates between are no characters.
    expect(prefixEnd('a\uD7FF')).toBe('a\uE000');
    // The last character has no successor: the one before it moves.
    expect(prefixEnd('a\u{10FFFF}')).toBe('b');
    for (const q of ['planner', 'café', 'tea 😀', 'a\u{10FFFF}'])
      for (const after of ['', ' ', 'z', '\u{10FFFF}', '😀 mug']) {
        const end = prefixEnd(q) ?? '';
        expect(Buffer.compare(Buffer.from(q + after), Buffer.from(end))).toBe(-1);
      }
  });

  it('is null when no string follows them all or the prefix is not well-formed', () => {
    expect(prefixEnd('\u{10FFFF}\u{10FFFF}')).toBeNull();
    expect(prefixEnd('')).toBeNull();
    expect(prefixEnd('tea \uD83D')).toBeNull();
  });
});
