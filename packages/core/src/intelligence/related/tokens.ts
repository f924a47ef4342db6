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

/**
 * Keywords' tokens, remembered in two generations: the candidates of related searches recur (the
 * most searched keywords), so when the young one is full it becomes the old one, and a keyword
 * found in the old one moves back, so that those in use survive the turn (a single map emptied
 * when full forgot them all at once).
 */
let young = new Map<string, string[]>();
let old = new Map<string, string[]>();
/** Keywords per generation: at most twice as many are held, as many as one map held before. */
const TOKENS_KEPT = 25_000;

/**
 * The topic-bearing lemmas of a keyword, in order. Remembered per keyword (a related search
 * tokenizes 500 candidates): the array is shared, callers must not change it.
 */
export function topicTokens(keyword: string): string[] {
  const known = young.get(keyword);
  if (known !== undefined) return known;
  const tokens = old.get(keyword) ?? tokenize(keyword);
  if (young.size >= TOKENS_KEPT) {
    old = young;
    young = new Map();
  }
  young.set(keyword, tokens);
  return tokens;
}

function tokenize(keyword: string): string[] {
  // Most stored keywords are plain lower-case ASCII words: a split on spaces is enough, and faster.
  const words = PLAIN.test(keyword)
    ? keyword.split(' ')
    : keyword.toLowerCase().split(/[^\p{L}\p{N}]+/u);
  return words.filter((w) => w && !STOPWORDS.has(w)).map(lemma);
}

/**
 * A string's character bigrams (each as two UTF-16 code units in one number), sorted, repeats
 * kept: two such lists are compared by one merge, with no map to build or probe.
 */
export function bigramCounts(text: string): Float64Array {
  const grams = new Float64Array(Math.max(0, text.length - 1));
  for (let i = 0; i < grams.length; i++)
    grams[i] = text.charCodeAt(i) * 65_536 + text.charCodeAt(i + 1);
  return grams.sort();
}

/** Dice similarity of two strings from their sorted bigrams (see `diceSimilarity`). */
export function diceOfCounts(
  a: string,
  aGrams: Float64Array,
  b: string,
  bGrams: Float64Array,
): number {
  if (a === b) return 1;
  if (a.length < 2 || b.length < 2) return 0;
  // Shared bigrams, each as often as both strings hold it: a merge of the two sorted lists.
  let shared = 0;
  let i = 0;
  let j = 0;
  while (i < aGrams.length && j < bGrams.length) {
    const x = aGrams[i] as number;
    const y = bGrams[j] as number;
    if (x === y) {
      shared++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return (2 * shared) / (a.length + b.length - 2);
}

/** Sørensen-Dice coefficient of character bigrams: 1 for the same string, 0 for nothing shared. */
export function diceSimilarity(a: string, b: string): number {
  return diceOfCounts(a, bigramCounts(a), b, bigramCounts(b));
}
