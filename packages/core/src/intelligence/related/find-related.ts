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
  const out: RelatedKeyword[] = [];
  for (const c of candidates) {
    if (c.keyword === seedText) continue;
    const tokens = new Set(topicTokens(c.keyword));
    let present = 0;
    for (const t of seedTokens) if (tokens.has(t)) present++;
    const containsSeed = present === seedTokens.length;
    const shares = present > 0;
    const relation: Relation | null = c.keyword.startsWith(`${seedText} `)
      ? 'longer-tail'
      : containsSeed
        ? 'modifier'
        : shares
          ? 'shared-topic'
          : null;
    if (!relation) continue;
    const value = c.opportunity ?? 20 * Math.log10(1 + Math.max(0, c.volume));
    out.push({ ...c, relation, score: Math.round(WEIGHT[relation] * value * 10) / 10 });
  }
  return out
    .sort((a, b) => b.score - a.score || b.volume - a.volume || a.keyword.localeCompare(b.keyword))
    .slice(0, limit);
}
