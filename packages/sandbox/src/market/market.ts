import { PLATFORMS, type Platform } from '@digitallz/contracts';
import {
  type CompactWorld,
  compactKeyword,
  compactPlatform,
  compactText,
  compactVolume,
  generateCompactWorld,
} from './compact-world';
import {
  checkWorldSize,
  DEFAULT_SEED,
  type GenerateMarketWorldOptions,
  generateMarketWorld,
  LARGE_WORLD_FROM,
  lastWeekStarts,
  type MarketKeyword,
} from './generate-world';
import { createRandom } from './random';
import { createRankedIndex, type RankedIndex } from './ranked-index';

export type SandboxListing = {
  id: number;
  title: string;
  price: number;
  favourites: number;
  reviews: number;
  /** Best Sellers Rank in the listing's category (Amazon): lower sells more. */
  salesRank: number;
  shopId: number;
  tags: string[];
};

export type Market = {
  /** Monday of the world's last week. */
  asOf: string;
  /** Records (keyword x platform). */
  size: number;
  /** Every record, most searched keywords first. Large worlds make them as they go. */
  records(): Iterable<MarketKeyword>;
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

/** What the market needs of a world, whether it holds objects or typed arrays. */
type Store = {
  asOf: string;
  size: number;
  text(entry: number): string;
  platform(entry: number): Platform;
  volume(entry: number): number;
  record(entry: number): MarketKeyword;
  /** Entries of each platform in keyword order. */
  sorted(): Record<Platform, Int32Array>;
};

/** A market over a world of 1 to 10 million keywords (compact above LARGE_WORLD_FROM). */
export function createMarket(options: GenerateMarketWorldOptions): Market {
  const count = checkWorldSize(options.keywords ?? 5_000);
  const store =
    count > LARGE_WORLD_FROM
      ? compactStore(
          generateCompactWorld({
            keywords: count,
            seed: options.seed ?? DEFAULT_SEED,
            asOf: lastWeekStarts(options.asOf, 1)[0] as string,
          }),
        )
      : objectStore(generateMarketWorld(options).keywords, options);
  return marketOver(store);
}

function objectStore(keywords: MarketKeyword[], options: GenerateMarketWorldOptions): Store {
  const text = (entry: number) => (keywords[entry] as MarketKeyword).keyword;
  return {
    asOf: lastWeekStarts(options.asOf, 1)[0] as string,
    size: keywords.length,
    text,
    platform: (entry) => (keywords[entry] as MarketKeyword).platform,
    volume: (entry) => (keywords[entry] as MarketKeyword).searchVolume,
    record: (entry) => keywords[entry] as MarketKeyword,
    sorted: () => {
      const out = emptyLists();
      for (const platform of PLATFORMS) {
        const entries = keywords.flatMap((k, i) => (k.platform === platform ? [i] : []));
        entries.sort((a, b) => (text(a) < text(b) ? -1 : text(a) > text(b) ? 1 : 0));
        out[platform] = Int32Array.from(entries);
      }
      return out;
    },
  };
}

function compactStore(world: CompactWorld): Store {
  return {
    asOf: world.asOf,
    size: world.size,
    text: (entry) => compactText(world, entry),
    platform: (entry) => compactPlatform(world, entry),
    volume: (entry) => compactVolume(world, entry),
    record: (entry) => compactKeyword(world, entry),
    sorted: () => sortCompact(world),
  };
}

/** A compact world's entries per platform in keyword order (the generator sorted the keywords). */
function sortCompact(world: CompactWorld): Record<Platform, Int32Array> {
  const lists = PLATFORMS.map(() => new Int32Array(world.size));
  const lengths = PLATFORMS.map(() => 0);
  for (const rank of world.alphabetical) {
    const end = world.firstEntry[rank + 1] as number;
    for (let e = world.firstEntry[rank] as number; e < end; e++) {
      const p = world.platform[e] as number;
      (lists[p] as Int32Array)[lengths[p] as number] = e;
      lengths[p] = (lengths[p] as number) + 1;
    }
  }
  const out = emptyLists();
  PLATFORMS.forEach((platform, p) => {
    out[platform] = (lists[p] as Int32Array).slice(0, lengths[p]);
  });
  return out;
}

function emptyLists(): Record<Platform, Int32Array> {
  return { amazon: new Int32Array(0), etsy: new Int32Array(0), ebay: new Int32Array(0) };
}

function marketOver(store: Store): Market {
  const sorted = store.sorted();
  const ranked = Object.fromEntries(
    PLATFORMS.map((platform) => {
      const volumes = Int32Array.from(sorted[platform], (entry) => store.volume(entry));
      return [platform, createRankedIndex(volumes)];
    }),
  ) as Record<Platform, RankedIndex>;
  /** The most searched keywords of `platform` starting with `prefix`. */
  const topStartingWith = (platform: Platform, prefix: string, limit: number) => {
    const [list, lo, hi] = range(platform, prefix);
    return ranked[platform].topIn(lo, hi, limit).map((at) => store.record(list[at] as number));
  };
  /** The entries of `platform` whose keyword starts with `prefix`, as a range of its list. */
  const range = (platform: Platform, prefix: string): [Int32Array, number, number] => {
    const list = sorted[platform];
    const lo = lowerBound(list, prefix, store.text);
    let hi = lo;
    // Galloping then binary search for the end of the prefix block.
    let step = 1;
    while (hi + step <= list.length && store.text(list[hi + step - 1] as number).startsWith(prefix))
      step *= 2;
    let top = Math.min(list.length, hi + step);
    hi += step >> 1;
    while (hi < top) {
      const mid = (hi + top) >> 1;
      if (store.text(list[mid] as number).startsWith(prefix)) hi = mid + 1;
      else top = mid;
    }
    return [list, lo, hi];
  };
  const topByVolume = (entries: Iterable<number>, limit: number): MarketKeyword[] => {
    const best: number[] = [];
    for (const entry of entries) {
      const volume = store.volume(entry);
      if (best.length === limit && volume <= store.volume(best[limit - 1] as number)) continue;
      let at = best.length;
      while (at > 0 && store.volume(best[at - 1] as number) < volume) at--;
      best.splice(at, 0, entry);
      if (best.length > limit) best.pop();
    }
    return best.map(store.record);
  };
  const exact = (platform: Platform, keyword: string): MarketKeyword | undefined => {
    const list = sorted[platform];
    const at = lowerBound(list, keyword, store.text);
    const entry = list[at];
    return entry !== undefined && store.text(entry) === keyword ? store.record(entry) : undefined;
  };
  const containingWords = function* (platform: Platform, query: string) {
    const words = query.split(' ').filter(Boolean);
    for (const entry of sorted[platform])
      if (words.every((w) => store.text(entry).includes(w))) yield entry;
  };

  return {
    asOf: store.asOf,
    size: store.size,
    records: function* () {
      for (let entry = 0; entry < store.size; entry++) yield store.record(entry);
    },
    suggest: (platform, prefix, limit = 10) =>
      topStartingWith(platform, prefix.toLowerCase(), limit),
    search: (platform, query, limit = 100) => {
      const q = query.toLowerCase().trim();
      // Large worlds answer with the keywords that start with the query (a binary search) rather
      // than scanning every keyword for the query's words.
      const top =
        store.size <= 200_000
          ? topByVolume(containingWords(platform, q), 40)
          : topStartingWith(platform, q, 40);
      const found = exact(platform, q);
      const anchor = found ?? top[0];
      if (!anchor) return { count: 0, listings: [] };
      const count = found ? anchor.listingCount : Math.round(anchor.listingCount * 0.6);
      return { count, listings: makeListings(anchor, top, Math.min(limit, count)) };
    },
    truth: (platform, keyword) => exact(platform, keyword.toLowerCase().trim()),
  };
}

/** The first position in `list` whose keyword is not below `key`. */
function lowerBound(list: Int32Array, key: string, text: (entry: number) => string): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (text(list[mid] as number) < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Deterministic listings around a keyword's true price and competition. Buyers of a keyword end
 * up on its top listings, so their favourites and sales ranks follow the keyword's demand, with a
 * niche-level conversion rate and each listing's own luck; reviews stay the seller's history.
 */
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
  const conversion = Math.exp(random.normal() * 0.3);
  return Array.from({ length: count }, (_, i) => {
    const price = Math.max(
      anchor.priceMin,
      Math.min(anchor.priceMax, anchor.priceMedian * Math.exp(random.normal() * 0.45)),
    );
    const strength =
      (Math.exp(random.normal() * 1.2) * (1 + anchor.competition * 20)) / (1 + i * 0.15);
    const demand =
      (anchor.searchVolume * 0.05 * conversion * Math.exp(random.normal() * 0.8)) / (1 + i * 0.15);
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
      // Favourites pile up over a listing's life (about two years of buyers here).
      favourites: Math.round(demand * 24),
      reviews: Math.round(strength * 25),
      salesRank: Math.max(1, Math.round(5_000_000 / (1 + demand))),
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
