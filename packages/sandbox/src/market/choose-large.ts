import type { Platform } from '@digitallz/contracts';
import large from './large-vocabulary.json';
import vocabulary from './vocabulary.json';

type Season = keyof typeof vocabulary.seasons;
type Term = { term: string; weight: number };

const NONE: Term = { term: '', weight: 1 };
const SLOTS: Term[][] = [
  [NONE, ...vocabulary.modifiers.filter((m) => !m.term.startsWith('for '))],
  vocabulary.themes,
  vocabulary.products,
  [NONE, ...large.audiences.map((term) => ({ term, weight: 0.4 }))],
  [NONE, ...large.formats.map((term) => ({ term, weight: 0.35 }))],
  [NONE, ...large.years.map((term) => ({ term, weight: 0.5 }))],
];
const THEME = 1;
const PRODUCT = 2;
const RADIX = SLOTS.map((s) => s.length);
/** Every combination [modifier] theme product [audience] [format] [year]: about 19 million. */
export const LARGE_WORLD_CAPACITY = RADIX.reduce((a, b) => a * b, 1);

/** The slot choices of a combination index, reusing `out` (no allocation in the hot loops). */
function digits(index: number, out: number[]): number[] {
  let rest = index;
  for (let slot = RADIX.length - 1; slot >= 0; slot--) {
    const radix = RADIX[slot] as number;
    out[slot] = rest % radix;
    rest = Math.floor(rest / radix);
  }
  return out;
}

/** A deterministic standard normal for an index (hash-based, no shared generator state). */
function noise(index: number, seed: number): number {
  const u = (hash32(index * 2 + 1, seed) + 1) / 4_294_967_297;
  const v = hash32(index * 2 + 2, seed) / 4_294_967_296;
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

function hash32(x: number, seed: number): number {
  let h = (Math.imul(x ^ seed, 0x9e3779b1) ^ (x >>> 16)) >>> 0;
  h = Math.imul(h ^ (h >>> 15), 0x85ebca77) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae3d) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

const scratch: number[] = [];
function scoreOf(index: number, seed: number): number {
  digits(index, scratch);
  let weight = 1;
  for (let slot = 0; slot < SLOTS.length; slot++)
    weight *= (SLOTS[slot] as Term[])[scratch[slot] as number]?.weight ?? 1;
  return weight * Math.exp(noise(index, seed) * 0.35);
}

/** The keyword a combination spells. */
export function combinationText(index: number): string {
  const d = digits(index, []);
  const terms: string[] = [];
  for (let slot = 0; slot < SLOTS.length; slot++) {
    const term = (SLOTS[slot] as Term[])[d[slot] as number]?.term;
    if (term) terms.push(term);
  }
  return terms.join(' ');
}

/** The season and platform affinities a combination inherits from its theme and product. */
export function combinationTraits(index: number): {
  season: Season;
  platforms: Record<Platform, number>;
} {
  const d = digits(index, []);
  const theme = vocabulary.themes[d[THEME] as number] as (typeof vocabulary.themes)[number];
  const product = vocabulary.products[d[PRODUCT] as number] as (typeof vocabulary.products)[number];
  return { season: theme.season as Season, platforms: product.platforms };
}

/**
 * Keywords as sequences of word ranks. Every character of the vocabulary sorts after the space, so
 * comparing two keywords as strings is comparing their word sequences (a shorter prefix first):
 * a radix sort on ranks orders millions of keywords without making one string.
 */
const WORDS = [...new Set(SLOTS.flatMap((slot) => slot.flatMap((t) => t.term.split(' '))))]
  .filter(Boolean)
  .sort();
const RANK = new Map(WORDS.map((word, i) => [word, i + 1]));
const TERM_RANKS = SLOTS.map((slot) =>
  slot.map((t) => (t.term ? t.term.split(' ').map((w) => RANK.get(w) as number) : [])),
);
const IS_YEAR = WORDS.map((w) => /^20\d\d$/.test(w));
/** Words that differ only by a plural s ("teacher", "teachers") share a stem. */
const STEM = WORDS.map((w) => w.replace(/s$/, ''));
/** The longest keyword, in words. */
const MAX_WORDS = TERM_RANKS.reduce((sum, slot) => sum + Math.max(...slot.map((r) => r.length)), 0);

/** Writes the word ranks of a combination at `at` (zero-padded); false when it repeats a word. */
function writeSequence(index: number, out: Uint8Array, at: number): boolean {
  digits(index, scratch);
  let n = 0;
  let years = 0;
  for (let slot = 0; slot < SLOTS.length; slot++) {
    for (const rank of (TERM_RANKS[slot] as number[][])[scratch[slot] as number] as number[]) {
      // "christmas svg svg", "teacher planner for teachers" or "2027 planner 2028": a word twice, or two years, is no keyword.
      for (let j = 0; j < n; j++)
        if (STEM[(out[at + j] as number) - 1] === STEM[rank - 1]) return false;
      if (IS_YEAR[rank - 1] && ++years > 1) return false;
      out[at + n++] = rank;
    }
  }
  out.fill(0, at + n, at + MAX_WORDS);
  return true;
}

/** Stable LSD radix sort of `order` by the sequences (one pass per word position). */
function sortBySequence(order: Int32Array, sequences: Uint8Array): Int32Array {
  let from: Int32Array = order;
  let to: Int32Array = new Int32Array(order.length);
  const counts = new Int32Array(WORDS.length + 2);
  for (let position = MAX_WORDS - 1; position >= 0; position--) {
    counts.fill(0);
    for (let i = 0; i < from.length; i++) {
      const bucket = (sequences[(from[i] as number) * MAX_WORDS + position] as number) + 1;
      counts[bucket] = (counts[bucket] as number) + 1;
    }
    for (let r = 1; r < counts.length; r++)
      counts[r] = (counts[r] as number) + (counts[r - 1] as number);
    for (let i = 0; i < from.length; i++) {
      const item = from[i] as number;
      const rank = sequences[item * MAX_WORDS + position] as number;
      to[counts[rank] as number] = item;
      counts[rank] = (counts[rank] as number) + 1;
    }
    [from, to] = [to, from];
  }
  return from;
}

function sameSequence(sequences: Uint8Array, a: number, b: number): boolean {
  for (let j = 0; j < MAX_WORDS; j++)
    if (sequences[a * MAX_WORDS + j] !== sequences[b * MAX_WORDS + j]) return false;
  return true;
}

export type LargeChoice = {
  /** Combination indexes, most searched first. */
  combinations: Int32Array;
  /** Positions in `combinations`, in keyword (string) order. */
  alphabetical: Int32Array;
};

/**
 * The `count` most searched distinct keywords of the combinations, for worlds from tens of
 * thousands to ten million keywords. Everything lives in typed arrays: scores, a sampled threshold
 * that keeps the top, a numeric sort key (score bits, then index), word-rank sequences that drop
 * repeated words and sort alphabetically; no per-keyword object or string is made.
 */
export function chooseLargeKeywords(count: number, seed: number, margin = 1.1): LargeChoice {
  const total = LARGE_WORLD_CAPACITY;
  const wanted = Math.min(total, Math.ceil(count * margin));
  const scores = new Float32Array(total);
  for (let i = 0; i < total; i++) scores[i] = scoreOf(i, seed);
  const sample = Float32Array.from({ length: 200_000 }, (_, k) => {
    return scores[hash32(k, seed ^ 0x5bd1e995) % total] as number;
  }).sort();
  const threshold =
    wanted >= total
      ? 0
      : (sample[Math.max(0, sample.length - 1 - Math.floor((sample.length * wanted) / total))] ??
        0);
  // Positive float32 bit patterns sort like the floats; dropping the 5 lowest mantissa bits leaves
  // room for the index (< 2^25) inside a float64's exact integers. Sorting ascending on the
  // inverted bits puts the best first, ties broken by index.
  const bits = new Uint32Array(scores.buffer);
  let above = 0;
  for (let i = 0; i < total; i++) if ((scores[i] as number) >= threshold) above++;
  const keys = new Float64Array(above);
  for (let i = 0, k = 0; i < total; i++) {
    if ((scores[i] as number) < threshold) continue;
    keys[k++] = (0x7ffffff - ((bits[i] as number) >>> 5)) * 2 ** 25 + i;
  }
  keys.sort();

  const candidates = new Int32Array(above);
  const sequences = new Uint8Array(above * MAX_WORDS);
  let n = 0;
  for (const key of keys) {
    const index = key % 2 ** 25;
    if (writeSequence(index, sequences, n * MAX_WORDS)) candidates[n++] = index;
  }
  // Two combinations may spell the same keyword: the less searched one goes.
  const order = sortBySequence(
    Int32Array.from({ length: n }, (_, i) => i),
    sequences,
  );
  const dropped = new Uint8Array(n);
  for (let i = 1; i < n; i++) {
    const a = order[i - 1] as number;
    const b = order[i] as number;
    if (sameSequence(sequences, a, b)) dropped[Math.max(a, b)] = 1;
  }
  const position = new Int32Array(n).fill(-1);
  const combinations = new Int32Array(Math.min(count, n));
  let kept = 0;
  for (let i = 0; i < n && kept < combinations.length; i++) {
    if (dropped[i]) continue;
    position[i] = kept;
    combinations[kept++] = candidates[i] as number;
  }
  if (kept < count && wanted < total) return chooseLargeKeywords(count, seed, margin * 1.5);
  const alphabetical = new Int32Array(kept);
  for (let i = 0, k = 0; i < n; i++) {
    const at = position[order[i] as number] as number;
    if (at >= 0) alphabetical[k++] = at;
  }
  return { combinations: combinations.subarray(0, kept), alphabetical };
}
