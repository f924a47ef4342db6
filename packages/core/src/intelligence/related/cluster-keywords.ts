import { bigramCounts, diceOfCounts, topicTokens } from './tokens';

export type ClusterInput = { keyword: string; volume?: number };
export type KeywordCluster = { name: string; keywords: string[]; volume: number };

type Cluster = {
  head: string;
  /** The head's bigrams, made the first time a keyword's words come close enough to need them. */
  headBigrams: Float64Array | null;
  lemmas: Map<string, number>;
  members: ClusterInput[];
  /** The lemmas of at least half the members; recomputed when a member joins. */
  common: Set<string>;
};

/**
 * Groups keywords into named topics: each keyword, most searched first, joins the cluster it is
 * most similar to (0.7 x overlap of lemmatised words with the cluster's common words + 0.3 x
 * string similarity with the cluster's head) when that reaches `threshold`, else starts one. A
 * cluster is named after its most frequent words, in the order its head keyword uses them.
 */
export function clusterKeywords(
  keywords: ClusterInput[],
  options: { threshold?: number } = {},
): KeywordCluster[] {
  const threshold = options.threshold ?? 0.5;
  const ordered = [...keywords].sort(
    (a, b) => (b.volume ?? 0) - (a.volume ?? 0) || a.keyword.localeCompare(b.keyword),
  );
  const clusters: Cluster[] = [];
  for (const item of ordered) {
    const tokens = new Set(topicTokens(item.keyword));
    // Bigrams only when a comparison needs them: not for a keyword whose words keep it out of
    // reach of every cluster.
    let bigrams: Float64Array | null = null;
    const gramsOf = () => {
      bigrams ??= bigramCounts(item.keyword);
      return bigrams;
    };
    let best: Cluster | undefined;
    let bestScore = threshold;
    for (const cluster of clusters) {
      const score = similarity(tokens, item.keyword, gramsOf, cluster, bestScore);
      if (score >= bestScore) [best, bestScore] = [cluster, score];
    }
    const target: Cluster = best ?? {
      head: item.keyword,
      headBigrams: bigrams,
      lemmas: new Map(),
      members: [],
      common: new Set(),
    };
    if (!best) clusters.push(target);
    target.members.push(item);
    for (const t of tokens) target.lemmas.set(t, (target.lemmas.get(t) ?? 0) + 1);
    target.common = commonLemmas(target);
  }
  return clusters
    .map((c) => ({
      name: nameOf(c),
      keywords: c.members.map((m) => m.keyword),
      volume: c.members.reduce((s, m) => s + (m.volume ?? 0), 0),
    }))
    .sort((a, b) => b.volume - a.volume || b.keywords.length - a.keywords.length);
}

function commonLemmas(cluster: Cluster): Set<string> {
  const half = cluster.members.length / 2;
  const common = new Set<string>();
  for (const [t, n] of cluster.lemmas) if (n >= half) common.add(t);
  return common;
}

/** How similar a keyword is to a cluster, or 0 when it cannot reach `atLeast`. */
function similarity(
  tokens: Set<string>,
  keyword: string,
  bigramsOf: () => Float64Array,
  cluster: Cluster,
  atLeast: number,
): number {
  const { common } = cluster;
  let shared = 0;
  for (const t of tokens) if (common.has(t)) shared++;
  const union = tokens.size + common.size - shared;
  const overlap = union === 0 ? 0 : shared / union;
  // The string similarity is at most 1: when even that cannot reach `atLeast`, it is not computed.
  if (0.7 * overlap + 0.3 < atLeast) return 0;
  cluster.headBigrams ??= bigramCounts(cluster.head);
  return (
    0.7 * overlap + 0.3 * diceOfCounts(keyword, bigramsOf(), cluster.head, cluster.headBigrams)
  );
}

function nameOf(cluster: Cluster): string {
  const top = [...cluster.lemmas]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, 2)
    .filter(([, n]) => n >= Math.max(1, cluster.members.length / 2))
    .map(([t]) => t);
  const headOrder = topicTokens(cluster.head);
  const named = top.sort((a, b) => headOrder.indexOf(a) - headOrder.indexOf(b));
  return named.length > 0 ? named.join(' ') : cluster.head;
}
