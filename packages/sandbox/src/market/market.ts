import type { Platform } from '@digitallz/contracts';
import {
  type GenerateMarketWorldOptions,
  generateMarketWorld,
  type MarketKeyword,
  type MarketWorld,
} from './generate-world';
import { createRandom } from './random';

export type SandboxListing = {
  id: number;
  title: string;
  price: number;
  favourites: number;
  reviews: number;
  shopId: number;
  tags: string[];
};

export type Market = {
  world: MarketWorld;
  /** Keywords of `platform` that start with `prefix`, most searched first (the autocomplete). */
  suggest(platform: Platform, prefix: string, limit?: number): MarketKeyword[];
  /** What a marketplace search for `query` shows: the result count and the top listings. */
  search(
    platform: Platform,
    query: string,
    limit?: number,
  ): { count: number; listings: SandboxListing[] };
  /** The hidden truth for one keyword, for accuracy benchmarks. */
  truth(platform: Platform, keyword: string): MarketKeyword | undefined;
};

export function createMarket(options: GenerateMarketWorldOptions): Market {
  const world = generateMarketWorld(options);
  const sorted = new Map<Platform, MarketKeyword[]>();
  const exact = new Map<string, MarketKeyword>();
  for (const k of world.keywords) {
    const list = sorted.get(k.platform) ?? [];
    list.push(k);
    sorted.set(k.platform, list);
    exact.set(`${k.platform}\n${k.keyword}`, k);
  }
  for (const list of sorted.values())
    list.sort((a, b) => (a.keyword < b.keyword ? -1 : a.keyword > b.keyword ? 1 : 0));

  const startingWith = (platform: Platform, prefix: string): MarketKeyword[] => {
    const list = sorted.get(platform) ?? [];
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((list[mid] as MarketKeyword).keyword < prefix) lo = mid + 1;
      else hi = mid;
    }
    const out: MarketKeyword[] = [];
    for (let i = lo; i < list.length && (list[i] as MarketKeyword).keyword.startsWith(prefix); i++)
      out.push(list[i] as MarketKeyword);
    return out;
  };

  const related = (platform: Platform, query: string): MarketKeyword[] => {
    const words = query.split(' ').filter(Boolean);
    return (sorted.get(platform) ?? []).filter((k) => words.every((w) => k.keyword.includes(w)));
  };

  return {
    world,
    suggest: (platform, prefix, limit = 10) =>
      startingWith(platform, prefix.toLowerCase())
        .sort((a, b) => b.searchVolume - a.searchVolume)
        .slice(0, limit),
    search: (platform, query, limit = 100) => {
      const q = query.toLowerCase().trim();
      // Large worlds answer with the keywords that start with the query (a binary search) rather
      // than scanning every keyword for the query's words.
      const large = world.keywords.length > 200_000;
      const matches = (large ? startingWith(platform, q) : related(platform, q)).sort(
        (a, b) => b.searchVolume - a.searchVolume,
      );
      const anchor = exact.get(`${platform}\n${q}`) ?? matches[0];
      if (!anchor) return { count: 0, listings: [] };
      const count = exact.has(`${platform}\n${q}`)
        ? anchor.listingCount
        : Math.round(anchor.listingCount * 0.6);
      return { count, listings: makeListings(anchor, matches, Math.min(limit, count)) };
    },
    truth: (platform, keyword) => exact.get(`${platform}\n${keyword.toLowerCase().trim()}`),
  };
}

/** Deterministic listings around a keyword's true price and competition. */
function makeListings(
  anchor: MarketKeyword,
  matches: MarketKeyword[],
  count: number,
): SandboxListing[] {
  const random = createRandom(hash(`${anchor.platform}:${anchor.keyword}`));
  const tagPool = matches
    .slice(0, 40)
    .map((m) => m.keyword)
    .filter((t) => t.length <= 20);
  const shops = Math.max(3, Math.round(count * (0.4 + 0.5 * (1 - anchor.competition))));
  return Array.from({ length: count }, (_, i) => {
    const price = Math.max(
      anchor.priceMin,
      Math.min(anchor.priceMax, anchor.priceMedian * Math.exp(random.normal() * 0.45)),
    );
    const strength =
      (Math.exp(random.normal() * 1.2) * (1 + anchor.competition * 20)) / (1 + i * 0.15);
    const tags = [
      ...new Set([
        anchor.keyword.slice(0, 20).trim(),
        ...Array.from({ length: 12 }, () => random.pick(tagPool) ?? anchor.keyword),
      ]),
    ]
      .filter((t) => t && t.length <= 20)
      .slice(0, 13);
    return {
      id: 1_000_000_000 + ((hash(anchor.keyword) + i * 7_919) % 900_000_000),
      title: `${titleCase(anchor.keyword)} ${random.pick(TITLE_TAILS)}`,
      price: Math.round(price * 100) / 100,
      favourites: Math.round(strength * 40),
      reviews: Math.round(strength * 25),
      shopId: 10_000 + Math.floor(random.next() * shops),
      tags,
    };
  });
}

const TITLE_TAILS = [
  '| Instant Download',
  '- Printable PDF',
  '| Editable Template',
  'Bundle',
  '- Digital File',
  '| Canva Template',
];

function titleCase(text: string): string {
  return text.replace(/\b\p{L}/gu, (c) => c.toUpperCase());
}

export function hash(text: string): number {
  let h = 2_166_136_261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16_777_619);
  return h >>> 0;
}
