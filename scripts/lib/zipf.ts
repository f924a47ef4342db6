/**
 * A seeded generator in [0, 1) (mulberry32, 32-bit integer arithmetic): the same draws on every
 * run, with a period of 2^32. The linear congruential generator this replaced multiplied in
 * floating point past 2^53, lost its low bits and cycled after about 16,000 draws, so a "Zipf mix
 * over 200,000 paths" in bench:api drew only 6,705 distinct paths (BENCHMARKS.md, session 13).
 */
export function seededRandom(seed: number): () => number {
  let state = seed | 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Draws ranks 0..count-1 with a Zipf distribution: rank r weighted 1 / (r + 1)^s. */
export function zipfRanks(count: number, s: number, random: () => number): () => number {
  const cumulative = new Float64Array(count);
  let sum = 0;
  for (let i = 0; i < count; i++) {
    sum += 1 / (i + 1) ** s;
    cumulative[i] = sum;
  }
  return () => {
    const target = random() * sum;
    let lo = 0;
    let hi = count - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] as number) < target) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}
