import { STOPWORDS } from '../related/tokens';

/** A keyword to draw on, and how much it is worth to the listing (higher first). */
export type ListingKeyword = { keyword: string; value: number };

export type ListingProposal = {
  /** Etsy: up to 13 tags, each at most 20 characters, no duplicates. */
  etsyTags: string[];
  /** Amazon backend search terms: at most 249 bytes, no word of the title repeated. */
  amazonSearchTerms: string;
  /** eBay: a title of at most 80 characters. */
  ebayTitle: string;
};

const byValue = (keywords: ListingKeyword[]) =>
  [...keywords].sort((a, b) => b.value - a.value || a.keyword.localeCompare(b.keyword));

const words = (text: string) => text.toLowerCase().split(/\s+/).filter(Boolean);

/**
 * Tag candidates of a keyword: itself, then its runs of two or more words, longest first. A run
 * that starts or ends with a stop word is no tag ("svg for", "for kids" of "cat svg for kids").
 */
function tagCandidates(keyword: string, max: number): string[] {
  const w = words(keyword);
  const out: string[] = [];
  for (let n = w.length; n >= 2; n--)
    for (let i = 0; i + n <= w.length; i++) {
      const run = w.slice(i, i + n);
      const phrase = run.join(' ');
      if (
        phrase.length <= max &&
        !STOPWORDS.has(run[0] as string) &&
        !STOPWORDS.has(run[n - 1] as string)
      )
        out.push(phrase);
    }
  return out;
}

/** Listing text from a keyword list, the most valuable first, within each marketplace's limits. */
export function proposeListing(
  keywords: ListingKeyword[],
  options: { title?: string } = {},
): ListingProposal {
  const ranked = byValue(keywords);

  const etsyTags: string[] = [];
  const add = (tag: string) => {
    if (etsyTags.length === 13 || etsyTags.includes(tag)) return false;
    etsyTags.push(tag);
    return true;
  };
  const phrases = ranked.map((k) => tagCandidates(k.keyword, 20));
  // One tag per keyword first (its best phrase not yet used), then the remaining phrases.
  for (const list of phrases) list.find(add);
  for (const list of phrases) list.forEach(add);
  // Then the leading keyword's own words: a keyword of one word, or one too long for a tag, with
  // few close ones, still has tags.
  for (const word of words(ranked[0]?.keyword ?? ''))
    if (word.length <= 20 && !STOPWORDS.has(word)) add(word);

  const title = options.title ?? ranked[0]?.keyword ?? '';
  const used = new Set(words(title));
  const terms: string[] = [];
  let bytes = 0;
  for (const k of ranked) {
    for (const word of words(k.keyword)) {
      if (used.has(word) || STOPWORDS.has(word)) continue;
      const cost = Buffer.byteLength(word) + (terms.length > 0 ? 1 : 0);
      if (bytes + cost > 249) continue;
      used.add(word);
      terms.push(word);
      bytes += cost;
    }
  }

  let ebayTitle = '';
  const inTitle = new Set<string>();
  for (const k of ranked) {
    for (const word of words(k.keyword)) {
      if (inTitle.has(word)) continue;
      const next = ebayTitle ? `${ebayTitle} ${word}` : word;
      if (next.length > 80) continue;
      ebayTitle = next;
      inTitle.add(word);
    }
  }
  return {
    etsyTags,
    amazonSearchTerms: terms.join(' '),
    ebayTitle: ebayTitle.replace(/\b\p{L}/gu, (c) => c.toUpperCase()),
  };
}
