import { topicTokens } from './tokens';

export type RelatedCandidate = { keyword: string; volume: number; opportunity?: number };
export type Relation = 'longer-tail' | 'modifier' | 'shared-topic';
/** `closeness`: the share of the seed's meaning the keyword holds (0-1; see `findRelated`). */
export type RelatedKeyword = RelatedCandidate & {
  relation: Relation;
  closeness: number;
  score: number;
};

const WEIGHT: Record<Relation, number> = { 'longer-tail': 1, modifier: 0.8, 'shared-topic': 0.5 };

/**
 * Keywords related to a seed, best first: longer tails found under it in the autocomplete tree
 * ("wedding invitation" -> "wedding invitation template"), the seed with its words plus a
 * modifier in any order ("printable wedding invitation"), and keywords sharing some of its topic
 * words. Each is scored by its relation and its demand (or opportunity when known); a keyword
 * sharing some words, by the share of the seed's meaning they carry: each word weighs by how few
 * candidates hold it (its inverse document frequency among them), so that "thanksgiving font"
 * comes before "baby resume template" for "thanksgiving template".
 */
export function findRelated(
  seed: string,
  candidates: RelatedCandidate[],
  limit = 50,
): RelatedKeyword[] {
  const seedText = seed.trim().toLowerCase();
  // A bit per word below: a seed's first 30 words (a keyword has at most 200 characters).
  const seedTokens = [...new Set(topicTokens(seedText))].slice(0, 30);
  const longerTail = `${seedText} `;
  // The seed's words each candidate holds (a bit per word), and how many candidates hold each. A
  // keyword has a few tokens: an array search beats building a set for each candidate.
  const held = new Int32Array(candidates.length);
  const holders = new Float64Array(seedTokens.length);
  candidates.forEach((c, i) => {
    const tokens = topicTokens(c.keyword);
    let mask = 0;
    seedTokens.forEach((t, bit) => {
      if (tokens.includes(t)) {
        mask |= 1 << bit;
        holders[bit] = (holders[bit] as number) + 1;
      }
    });
    held[i] = mask;
  });
  const weights = [...holders].map((n) => Math.log(1 + candidates.length / (1 + n)));
  const total = weights.reduce((a, b) => a + b, 0);
  // Scored first and built last, for the `limit` kept alone: a read gives 500 candidates, and
  // copying each (the spread of a row object) was a third of a related request's time.
  const scored: { c: RelatedCandidate; relation: Relation; closeness: number; score: number }[] =
    [];
  candidates.forEach((c, i) => {
    if (c.keyword === seedText) return;
    const mask = held[i] as number;
    const relation = relationOf(c.keyword, longerTail, mask, seedTokens.length);
    if (!relation) return;
    let share = 1;
    if (relation === 'shared-topic') {
      let carried = 0;
      weights.forEach((w, bit) => {
        if (mask & (1 << bit)) carried += w;
      });
      share = total > 0 ? carried / total : 1;
    }
    const value = c.opportunity ?? 20 * Math.log10(1 + Math.max(0, c.volume));
    scored.push({
      c,
      relation,
      closeness: Math.round(share * 1000) / 1000,
      score: Math.round(WEIGHT[relation] * share * value * 10) / 10,
    });
  });
  // Only the best `limit` are ordered: those scoring at least the `limit`-th best score (a
  // numeric sort of the scores, with no comparator to call), ties at that score included.
  const floor = scored.length > limit ? nthBestScore(scored, limit) : Number.NEGATIVE_INFINITY;
  return scored
    .filter((s) => s.score >= floor)
    .sort(
      (a, b) =>
        b.score - a.score || b.c.volume - a.c.volume || a.c.keyword.localeCompare(b.c.keyword),
    )
    .slice(0, limit)
    .map(({ c, relation, closeness, score }) => ({ ...c, relation, closeness, score }));
}

/** The `n`-th highest score (1 for the highest), repeats counted. */
function nthBestScore(scored: { score: number }[], n: number): number {
  const scores = new Float64Array(scored.length);
  for (let i = 0; i < scored.length; i++) scores[i] = (scored[i] as { score: number }).score;
  return scores.sort()[scored.length - n] as number;
}

function relationOf(
  keyword: string,
  longerTail: string,
  mask: number,
  seedTokenCount: number,
): Relation | null {
  if (keyword.startsWith(longerTail)) return 'longer-tail';
  // A seed of stop words alone has no token: every candidate then holds all of them (a modifier).
  if (mask === 2 ** seedTokenCount - 1) return 'modifier';
  return mask !== 0 ? 'shared-topic' : null;
}
