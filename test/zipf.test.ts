import { describe, expect, it } from 'vitest';
import { seededRandom, zipfRanks } from '../scripts/lib/zipf';

describe('the benchmarks’ seeded Zipf draws', () => {
  it('repeats for a seed and differs between seeds', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const c = seededRandom(43);
    const first = Array.from({ length: 5 }, a);
    expect(Array.from({ length: 5 }, b)).toEqual(first);
    expect(Array.from({ length: 5 }, c)).not.toEqual(first);
    for (const x of first) expect(x >= 0 && x < 1).toBe(true);
  });

  it('does not cycle: 200,000 draws are nearly all distinct', () => {
    const random = seededRandom(42);
    const seen = new Set<number>();
    for (let i = 0; i < 200_000; i++) seen.add(random());
    // A 32-bit generator repeats a value by chance about n² / 2^33 times: 5 for 200,000 draws.
    expect(seen.size).toBeGreaterThan(199_900);
  });

  it('reaches the Zipf tail: 300,000 draws over 200,000 ranks touch tens of thousands', () => {
    const rank = zipfRanks(200_000, 1, seededRandom(42));
    const seen = new Set<number>();
    let top = 0;
    for (let i = 0; i < 300_000; i++) {
      const r = rank();
      seen.add(r);
      if (r === 0) top++;
    }
    // Zipf s = 1: rank 0 has weight 1 / H(200,000) ≈ 7.7%; distinct ranks ≈ 73,500 (simulated).
    expect(top / 300_000).toBeGreaterThan(0.07);
    expect(top / 300_000).toBeLessThan(0.085);
    expect(seen.size).toBeGreaterThan(60_000);
  });
});
