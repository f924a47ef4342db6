import type { Platform } from '@digitallz/contracts';
import {
  COLLECTORS,
  type Credentials,
  type ExpandedKeyword,
  expandSuggestions,
  searchEvidence,
  type VolumeSample,
} from '@digitallz/core';
import type { SandboxServer } from '@digitallz/sandbox';

const SANDBOX_CREDENTIALS: Credentials = {
  etsyApiKey: 'sandbox',
  ebayClientId: 'sandbox',
  ebayClientSecret: 'sandbox',
  spApiAccessToken: 'sandbox',
};

/**
 * What the collection pipeline learns of a sandbox market, through the real collectors over HTTP:
 * autocomplete walks from seeds (single characters, then the most common one- and two-word starts,
 * as sellers type them), then one marketplace search per keyword found. Each keyword comes back as
 * volume evidence beside its hidden true volume.
 */
export async function observeMarket(
  sandbox: SandboxServer,
  options: { platform: Platform; seeds: number; budget: number; concurrency?: number },
): Promise<VolumeSample[]> {
  const { platform } = options;
  const collector = COLLECTORS[platform];
  const fetchOptions = { baseUrl: sandbox.url, credentials: SANDBOX_CREDENTIALS };
  const starts = new Map<string, number>();
  for (const k of sandbox.market.records()) {
    if (k.platform !== platform) continue;
    const words = k.keyword.split(' ');
    for (const start of [words[0] as string, words.slice(0, 2).join(' ')])
      starts.set(start, (starts.get(start) ?? 0) + 1);
  }
  const seeds = [
    ...'abcdefghijklmnopqrstuvwxyz0123456789',
    ...[...starts.entries()]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, options.seeds)
      .map(([seed]) => seed),
  ];
  const merged = new Map<string, ExpandedKeyword>();
  await pool(seeds, options.concurrency ?? 16, async (seed) => {
    const { keywords } = await expandSuggestions(
      async (prefix) => (await collector.fetchSuggestions(prefix, fetchOptions)).suggestions,
      { seed, budget: options.budget },
    );
    for (const k of keywords) {
      const seen = merged.get(k.keyword);
      merged.set(
        k.keyword,
        seen
          ? {
              keyword: k.keyword,
              bestPosition: Math.min(seen.bestPosition, k.bestPosition),
              shortestPrefix: Math.min(seen.shortestPrefix, k.shortestPrefix),
              prefixCount: seen.prefixCount + k.prefixCount,
            }
          : k,
      );
    }
  });
  const samples: VolumeSample[] = [];
  await pool([...merged.values()], options.concurrency ?? 16, async (k) => {
    const truth = sandbox.market.truth(platform, k.keyword);
    if (!truth) return;
    const stats = await collector.fetchSearchStats(k.keyword, fetchOptions);
    const { bestPosition, shortestPrefix, prefixCount } = k;
    samples.push({
      evidence: {
        keyword: k.keyword,
        platform,
        autocomplete: { bestPosition, shortestPrefix, prefixCount },
        search: searchEvidence(stats),
      },
      volume: truth.searchVolume,
    });
  });
  return samples.sort((a, b) => (a.evidence.keyword < b.evidence.keyword ? -1 : 1));
}

async function pool<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await work(items[next++] as T);
    }),
  );
}
