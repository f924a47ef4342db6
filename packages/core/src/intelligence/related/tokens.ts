import lemmatizer from 'wink-lemmatizer';

/** Words that carry no topic: a cluster is never named after them. */
export const STOPWORDS = new Set(
  'a an and the of for with to in on at by from or my your our me i you it is be this that'.split(
    ' ',
  ),
);

const cache = new Map<string, string>();

/** A word's dictionary form as a noun ("invitations" -> "invitation", "stories" -> "story"). */
export function lemma(word: string): string {
  const known = cache.get(word);
  if (known !== undefined) return known;
  // Nouns only: as a verb, "wedding" would become "wed".
  const out = lemmatizer.noun(word);
  if (cache.size < 100_000) cache.set(word, out);
  return out;
}

const PLAIN = /^[a-z0-9]+(?: [a-z0-9]+)*$/;

/** The topic-bearing lemmas of a keyword, in order. */
export function topicTokens(keyword: string): string[] {
  // Most stored keywords are plain lower-case ASCII words: a split on spaces is enough, and faster.
  const words = PLAIN.test(keyword)
    ? keyword.split(' ')
    : keyword.toLowerCase().split(/[^\p{L}\p{N}]+/u);
  return words.filter((w) => w && !STOPWORDS.has(w)).map(lemma);
}

/** A string's character bigrams, counted (each as two UTF-16 code units in one number). */
export function bigramCounts(text: string): Map<number, number> {
  const counts = new Map<number, number>();
  for (let i = 0; i < text.length - 1; i++) {
    const g = text.charCodeAt(i) * 65_536 + text.charCodeAt(i + 1);
    counts.set(g, (counts.get(g) ?? 0) + 1);
  }
  return counts;
}

/** Dice similarity of two strings from their bigram counts (see `diceSimilarity`). */
export function diceOfCounts(
  a: string,
  aCounts: Map<number, number>,
  b: string,
  bCounts: Map<number, number>,
): number {
  if (a === b) return 1;
  if (a.length < 2 || b.length < 2) return 0;
  let shared = 0;
  for (const [g, n] of aCounts) {
    const m = bCounts.get(g);
    if (m !== undefined) shared += Math.min(n, m);
  }
  return (2 * shared) / (a.length + b.length - 2);
}

/** Sørensen-Dice coefficient of character bigrams: 1 for the same string, 0 for nothing shared. */
export function diceSimilarity(a: string, b: string): number {
  return diceOfCounts(a, bigramCounts(a), b, bigramCounts(b));
}
