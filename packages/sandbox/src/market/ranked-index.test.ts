import { describe, expect, it } from 'vitest';
import { createRandom } from './random';
import { createRankedIndex } from './ranked-index';

describe('createRankedIndex', () => {
  const random = createRandom(3);
  // Few distinct values, so ties are everywhere.
  const values = Int32Array.from({ length: 20_000 }, () => Math.floor(random.next() * 500));
  const index = createRankedIndex(values);
  const brute = (lo: number, hi: number, limit: number) =>
    Array.from({ length: hi - lo }, (_, i) => lo + i)
      .sort((a, b) => (values[b] as number) - (values[a] as number) || a - b)
      .slice(0, limit);

  it('answers any range like a full sort, ties by position', () => {
    for (let q = 0; q < 300; q++) {
      const lo = Math.floor(random.next() * values.length);
      const hi = lo + Math.floor(random.next() * (values.length - lo));
      const limit = 1 + Math.floor(random.next() * 60);
      expect(index.topIn(lo, hi, limit)).toEqual(brute(lo, hi, limit));
    }
    expect(index.topIn(0, values.length, 10)).toEqual(brute(0, values.length, 10));
    expect(index.topIn(5, 5, 10)).toEqual([]);
  });
});
