import { topicTokens } from './tokens';

export type RelatedCandidate = { keyword: string; volume: number; opportunity?: number };
export type Relation = 'longer-tail' | 'modifier' | 'shared-topic';
export type RelatedKeyword = RelatedCandidate & { relation: Relation; score: number };

const WEIGHT: Record<Relation, number> = { 'longer-tail': 1, modifier: 0.8, 'shared-topic': 0.5 };

/**
 * Keywords related to a seed, best first: longer tails found under it in the autocomplete tree
 * ("wedding invitation" -> "wedding invitation template"), the seed with its words plus a
 * modifier in any order ("printable wedding invitation"), and keywords sharing one of its topic
 * words. Each is scored by its relation and its demand (or opportunity when known).
 */
export function findRelated(
  seed: string,
  candidates: RelatedCandidate[],
  limit = 50,
): RelatedKeyword[] {
  const seedText = seed.trim().toLowerCase();
  const seedTokens = [...new Set(topicTokens(seedText))];
  const longerTail = `${seedText} `;
  // Scored first and built last, for the `limit` kept alone: a read gives 500 candidates, and
  // copying each (the spread of a row object) was a third of a related request's time.
  const scored: { c: RelatedCandidate; relation: Relation; score: number }[] = [];
  for (const c of candidates) {
    if (c.keyword === seedText) continue;
    const relation = relationOf(c.keyword, longerTail, seedTokens);
    if (!relation) continue;
    const value = c.opportunity ?? 20 * Math.log10(1 + Math.max(0, c.volume));
    scored.push({ c, relation, score: Math.round(WEIGHT[relation] * value * 10) / 10 });
  }
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
    .map(({ c, relation, score }) => ({ ...c, relation, score }));
}

/** The `n`-th highest score (1 for the highest), repeats counted. */
function nthBestScore(scored: { score: number }[], n: number): number {
  const scores = new Float64Array(scored.length);
  for (let i = 0; i < scored.length; i++) scores[i] = (scored[i] as { score: number }).score;
  return scores.sort()[scored.length - n] as number;
}

function relationOf(keyword: string, longerTail: string, seedTokens: string[]): Relation | null {
  if (keyword.startsWith(longerTail)) return 'longer-tail';
  // A keyword has a few tokens: an array search beats building a set for each candidate.
  const tokens = topicTokens(keyword);
  let present = 0;
  for (const t of seedTokens) if (tokens.includes(t)) present++;
  // A seed of stop words alone has no token: every candidate then holds all of them (a modifier).
  if (present === seedTokens.length) return 'modifier';
  return present > 0 ? 'shared-topic' : null;
}
