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

/** The topic-bearing lemmas of a keyword, in order. */
export function topicTokens(keyword: string): string[] {
  return keyword
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w && !STOPWORDS.has(w))
    .map(lemma);
}

/** Sørensen-Dice coefficient of character bigrams: 1 for the same string, 0 for nothing shared. */
export function diceSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length < 2 || b.length < 2) return 0;
  const bigrams = new Map<string, number>();
  for (let i = 0; i < a.length - 1; i++) {
    const g = a.slice(i, i + 2);
    bigrams.set(g, (bigrams.get(g) ?? 0) + 1);
  }
  let shared = 0;
  for (let i = 0; i < b.length - 1; i++) {
    const g = b.slice(i, i + 2);
    const n = bigrams.get(g) ?? 0;
    if (n > 0) {
      shared++;
      bigrams.set(g, n - 1);
    }
  }
  return (2 * shared) / (a.length + b.length - 2);
}
