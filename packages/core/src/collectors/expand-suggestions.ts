import { normalizeKeyword } from '../keywords/normalize-keyword';
import type { Suggestion } from './types';

export type SuggestionObservation = {
  keyword: string;
  prefix: string;
  position: number;
  depth: number;
};

export type ExpandedKeyword = {
  keyword: string;
  bestPosition: number;
  /** Length of the shortest prefix under which it was suggested. */
  shortestPrefix: number;
  /** Number of distinct prefixes it was suggested under. */
  prefixCount: number;
};

export type ExpansionResult = {
  seed: string;
  requests: number;
  observations: SuggestionObservation[];
  keywords: ExpandedKeyword[];
  /** Prefixes not visited because the budget ran out. */
  unexplored: number;
};

export type ExpandOptions = {
  seed: string;
  /** Maximum suggestion requests. */
  budget: number;
  maxDepth?: number;
  /** A prefix whose answer has at least this many suggestions extending it is explored deeper. */
  productiveAt?: number;
};

const ALPHABET = [...'abcdefghijklmnopqrstuvwxyz0123456789'];

/**
 * Walks the autocomplete tree from a seed: seed, then seed + space, seed + a..z and 0..9, then
 * deeper wherever a prefix keeps returning suggestions that extend it. Dead branches are pruned
 * and the walk stops at the request budget. Best first: a child is tried earlier when its
 * parent's answer already showed suggestions through it (e.g. "wedding p" after "wedding "
 * answered "wedding planner"), so the budget goes where the marketplace has keywords.
 */
export async function expandSuggestions(
  fetchSuggestions: (prefix: string) => Promise<Suggestion[]>,
  options: ExpandOptions,
): Promise<ExpansionResult> {
  const seed = normalizeKeyword(options.seed);
  const maxDepth = options.maxDepth ?? 3;
  const productiveAt = options.productiveAt ?? 5;
  const queue = createQueue();
  queue.push({ prefix: seed, depth: 0, promise: Number.POSITIVE_INFINITY });
  const queued = new Set([seed]);
  const observations: SuggestionObservation[] = [];
  let requests = 0;

  while (queue.size() > 0 && requests < options.budget) {
    const { prefix, depth } = queue.pop() as Pending;
    requests++;
    const suggestions = await fetchSuggestions(prefix);
    for (const s of suggestions)
      observations.push({ keyword: s.keyword, prefix, position: s.position, depth });
    const extending = suggestions.filter(
      (s) => s.keyword.startsWith(prefix.trimEnd()) && s.keyword !== prefix.trim(),
    );
    const productive = depth === 0 || extending.length >= productiveAt;
    if (!productive || depth >= maxDepth) continue;
    for (const child of childrenOf(prefix)) {
      if (queued.has(child)) continue;
      queued.add(child);
      const promise = extending.filter((s) => s.keyword.startsWith(child)).length;
      queue.push({ prefix: child, depth: depth + 1, promise });
    }
  }
  return {
    seed,
    requests,
    observations,
    keywords: summarise(observations),
    unexplored: queue.size(),
  };
}

function childrenOf(prefix: string): string[] {
  const spaced = prefix.endsWith(' ') ? [] : [`${prefix} `];
  return [...spaced, ...ALPHABET.map((c) => `${prefix}${c}`)];
}

type Pending = { prefix: string; depth: number; promise: number; order?: number };

/** A binary heap: most promising first, then shallowest, then first queued. */
function createQueue() {
  const heap: Required<Pending>[] = [];
  let counter = 0;
  const before = (a: Required<Pending>, b: Required<Pending>) =>
    a.promise !== b.promise
      ? a.promise > b.promise
      : a.depth !== b.depth
        ? a.depth < b.depth
        : a.order < b.order;
  const swap = (i: number, j: number) => {
    [heap[i], heap[j]] = [heap[j] as Required<Pending>, heap[i] as Required<Pending>];
  };
  return {
    size: () => heap.length,
    push: (item: Pending) => {
      heap.push({ ...item, order: counter++ });
      for (let i = heap.length - 1; i > 0; ) {
        const parent = (i - 1) >> 1;
        if (!before(heap[i] as Required<Pending>, heap[parent] as Required<Pending>)) break;
        swap(i, parent);
        i = parent;
      }
    },
    pop: (): Pending | undefined => {
      const top = heap[0];
      const last = heap.pop();
      if (heap.length > 0 && last) {
        heap[0] = last;
        for (let i = 0; ; ) {
          const l = 2 * i + 1;
          const r = l + 1;
          let best = i;
          if (
            l < heap.length &&
            before(heap[l] as Required<Pending>, heap[best] as Required<Pending>)
          )
            best = l;
          if (
            r < heap.length &&
            before(heap[r] as Required<Pending>, heap[best] as Required<Pending>)
          )
            best = r;
          if (best === i) break;
          swap(i, best);
          i = best;
        }
      }
      return top;
    },
  };
}

function summarise(observations: SuggestionObservation[]): ExpandedKeyword[] {
  const byKeyword = new Map<string, { best: number; shortest: number; prefixes: Set<string> }>();
  for (const o of observations) {
    const entry = byKeyword.get(o.keyword) ?? {
      best: Number.POSITIVE_INFINITY,
      shortest: Number.POSITIVE_INFINITY,
      prefixes: new Set(),
    };
    entry.best = Math.min(entry.best, o.position);
    entry.shortest = Math.min(entry.shortest, o.prefix.length);
    entry.prefixes.add(o.prefix);
    byKeyword.set(o.keyword, entry);
  }
  return [...byKeyword.entries()]
    .map(([keyword, e]) => ({
      keyword,
      bestPosition: e.best,
      shortestPrefix: e.shortest,
      prefixCount: e.prefixes.size,
    }))
    .sort(
      (a, b) =>
        a.shortestPrefix - b.shortestPrefix ||
        a.bestPosition - b.bestPosition ||
        b.prefixCount - a.prefixCount ||
        a.keyword.localeCompare(b.keyword),
    );
}
