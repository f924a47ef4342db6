import type { Platform } from '@digitallz/contracts';
import type { SuggestionObservation } from '../collectors/expand-suggestions';
import { COLLECTORS } from '../collectors/registry';
import type { SearchStats } from '../collectors/types';
import { withArchiveBatch } from './archive-batch';
import { callMarketplace } from './call-marketplace';
import { ensureKeywords, fetchBids, writeObservations } from './collected-rows';
import type { CollectionDeps } from './collection-deps';
import { recordSearchStatsMany } from './record-search-stats';

export type CollectKeywordsInput = {
  platform: Platform;
  marketplace: string;
  keywords: string[];
  /** One collection time for all: a second run writes the same rows. */
  observedAt: string;
  /** Marketplace calls in flight at once (the shared rate limit still paces them). */
  concurrency?: number;
};

/**
 * Collects many keywords of one marketplace at once (a refresh, the demo's first collection):
 * each keyword's own autocomplete answer and search statistics, through the same limits,
 * breaker, archive and quarantine as every call, then written in a few statements for all of
 * them. A failed call fails the whole run before anything is written.
 */
export function collectKeywords(
  deps: CollectionDeps,
  input: CollectKeywordsInput,
): Promise<{ observations: number; keywords: number; requests: number }> {
  return withArchiveBatch(deps, (batched) => collectMany(batched, input));
}

async function collectMany(
  deps: CollectionDeps,
  input: CollectKeywordsInput,
): Promise<{ observations: number; keywords: number; requests: number }> {
  const { platform, marketplace } = input;
  const collector = COLLECTORS[platform];
  const observedAt = new Date(input.observedAt);
  const keywords = [...new Set(input.keywords.map((k) => k.trim().toLowerCase()))];
  const observations: SuggestionObservation[] = [];
  const found: string[] = [...keywords];
  const searches: SearchStats[] = [];
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < keywords.length; i = next++) {
      const keyword = keywords[i] as string;
      const { suggestions } = await callMarketplace(deps, platform, 'suggestions', (o) =>
        collector.fetchSuggestions(keyword, { ...o, marketplace }),
      );
      for (const s of suggestions) {
        observations.push({ keyword: s.keyword, prefix: keyword, position: s.position, depth: 0 });
        found.push(s.keyword);
      }
      searches.push(
        await callMarketplace(deps, platform, 'search-stats', (o) =>
          collector.fetchSearchStats(keyword, { ...o, marketplace }),
        ),
      );
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, input.concurrency ?? 8) }, worker));
  await writeObservations(deps.db, platform, marketplace, observedAt, observations);
  await ensureKeywords(deps.db, { platform, marketplace, source: deps.source, observedAt }, found);
  await recordSearchStatsMany(deps.db, searches, observedAt, deps.source);
  let bidRequests = 0;
  for (let i = 0; i < keywords.length; i += 100)
    if (await fetchBids(deps, platform, marketplace, keywords.slice(i, i + 100))) bidRequests++;
  await deps.invalidate?.(platform, marketplace, found);
  return {
    observations: observations.length,
    keywords: new Set(found).size,
    requests: keywords.length * 2 + bidRequests,
  };
}
