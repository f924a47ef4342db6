import type { Platform } from '@digitallz/contracts';
import large from './large-vocabulary.json';
import vocabulary from './vocabulary.json';

type Season = keyof typeof vocabulary.seasons;
export type Candidate = {
  text: string;
  score: number;
  season: Season;
  platforms: Record<Platform, number>;
};

const NONE = { term: '', weight: 1 };
const SLOTS = {
  modifiers: [NONE, ...vocabulary.modifiers.filter((m) => !m.term.startsWith('for '))],
  themes: vocabulary.themes,
  products: vocabulary.products,
  audiences: [NONE, ...large.audiences.map((term) => ({ term, weight: 0.4 }))],
  formats: [NONE, ...large.formats.map((term) => ({ term, weight: 0.35 }))],
  years: [NONE, ...large.years.map((term) => ({ term, weight: 0.5 }))],
};
const RADIX = [
  SLOTS.modifiers,
  SLOTS.themes,
  SLOTS.products,
  SLOTS.audiences,
  SLOTS.formats,
  SLOTS.years,
].map((s) => s.length);
/** Every combination [modifier] theme product [audience] [format] [year]: about 19 million. */
export const LARGE_WORLD_CAPACITY = RADIX.reduce((a, b) => a * b, 1);

function digits(index: number): number[] {
  const out: number[] = [];
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

function scoreOf(index: number, seed: number): number {
  const [m, t, p, a, f, y] = digits(index) as [number, number, number, number, number, number];
  const weight =
    (SLOTS.modifiers[m]?.weight ?? 1) *
    (SLOTS.themes[t]?.weight ?? 1) *
    (SLOTS.products[p]?.weight ?? 1) *
    (SLOTS.audiences[a]?.weight ?? 1) *
    (SLOTS.formats[f]?.weight ?? 1) *
    (SLOTS.years[y]?.weight ?? 1);
  return weight * Math.exp(noise(index, seed) * 0.35);
}

function candidateOf(index: number, score: number): Candidate {
  const [m, t, p, a, f, y] = digits(index) as [number, number, number, number, number, number];
  const theme = SLOTS.themes[t] as (typeof SLOTS.themes)[number];
  const product = SLOTS.products[p] as (typeof SLOTS.products)[number];
  const text = [
    SLOTS.modifiers[m]?.term,
    theme.term,
    product.term,
    SLOTS.audiences[a]?.term,
    SLOTS.formats[f]?.term,
    SLOTS.years[y]?.term,
  ]
    .filter(Boolean)
    .join(' ');
  return { text, score, season: theme.season as Season, platforms: product.platforms };
}

/**
 * The `count` most searched combinations, for worlds from tens of thousands to ten million
 * keywords: scores live in a typed array, a sampled threshold keeps the top, and only those
 * become strings.
 */
export function chooseLargeKeywords(count: number, seed: number): Candidate[] {
  const total = LARGE_WORLD_CAPACITY;
  const wanted = Math.min(total, Math.ceil(count * 1.05));
  const scores = new Float32Array(total);
  for (let i = 0; i < total; i++) scores[i] = scoreOf(i, seed);
  const sample = Array.from(
    { length: 200_000 },
    (_, k) => scores[hash32(k, seed ^ 0x5bd1e995) % total] as number,
  ).sort((a, b) => b - a);
  const threshold =
    wanted >= total
      ? 0
      : (sample[
          Math.min(sample.length - 1, Math.floor((sample.length * wanted) / total))
        ] as number);
  const kept: number[] = [];
  for (let i = 0; i < total; i++) if ((scores[i] as number) >= threshold) kept.push(i);
  kept.sort((a, b) => (scores[b] as number) - (scores[a] as number) || a - b);
  const out: Candidate[] = [];
  for (const index of kept) {
    const candidate = candidateOf(index, scores[index] as number);
    if (/\b(\w+) \1\b/.test(candidate.text)) continue;
    out.push(candidate);
    if (out.length === count) break;
  }
  return out;
}
