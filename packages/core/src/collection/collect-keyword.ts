import type { Platform } from '@digitallz/contracts';
import { collectionRequests, type Db } from '@digitallz/db';
import { eq } from 'drizzle-orm';
import { expandSuggestions } from '../collectors/expand-suggestions';
import { COLLECTORS } from '../collectors/registry';
import { AppError, JOB_RETRYABLE_CODES } from '../errors';
import { summarizeError } from '../errors-summary';
import { withArchiveBatch } from './archive-batch';
import { callMarketplace } from './call-marketplace';
import { ensureKeywords, fetchBids, writeObservations } from './collected-rows';
import type { CollectionDeps } from './collection-deps';
import { recordSearchStats } from './record-search-stats';

export type CollectKeywordInput = {
  platform: Platform;
  marketplace: string;
  keyword: string;
  /** When the collection was asked for: every retry writes under the same time, so rows stay the same. */
  observedAt: string;
  expand: boolean;
  budget: number;
  requestId?: string;
  /** The seller who asked: their own marketplace credentials, when connected, are used. */
  ownerId?: string;
};

export type CollectKeywordResult = { observations: number; keywords: number; requests: number };

/**
 * Collects one keyword: its autocomplete tree (or one level), the keywords found, and its search
 * statistics. Safe to run twice: the same rows result. Its raw payloads are archived together.
 */
export function collectKeyword(
  shared: CollectionDeps,
  input: CollectKeywordInput,
): Promise<CollectKeywordResult> {
  return withArchiveBatch(shared, (deps) => collectOne(deps, input));
}

async function collectOne(
  shared: CollectionDeps,
  input: CollectKeywordInput,
): Promise<CollectKeywordResult> {
  const { platform, marketplace } = input;
  const deps = await withOwnerCredentials(shared, platform, input.ownerId);
  const collector = COLLECTORS[platform];
  const observedAt = new Date(input.observedAt);
  await setProgress(deps.db, input.requestId, {
    status: 'running',
    requestsPlanned: input.expand ? input.budget : 2,
  });
  try {
    const fetchSuggestions = async (prefix: string) =>
      (
        await callMarketplace(deps, platform, 'suggestions', (o) =>
          collector.fetchSuggestions(prefix, { ...o, marketplace }),
        )
      ).suggestions;
    const expansion = await expandSuggestions(fetchSuggestions, {
      seed: input.keyword,
      budget: input.expand ? input.budget : 1,
    });
    await writeObservations(deps.db, platform, marketplace, observedAt, expansion.observations);
    const keywords = [expansion.seed, ...expansion.keywords.map((k) => k.keyword)];
    await ensureKeywords(
      deps.db,
      { platform, marketplace, source: deps.source, observedAt },
      keywords,
    );
    const stats = await callMarketplace(deps, platform, 'search-stats', (o) =>
      collector.fetchSearchStats(expansion.seed, { ...o, marketplace }),
    );
    await recordSearchStats(deps.db, stats, observedAt, deps.source);
    const bids = await fetchBids(deps, platform, marketplace, keywords);
    const result = {
      observations: expansion.observations.length,
      keywords: new Set(keywords).size,
      requests: expansion.requests + 1 + (bids ? 1 : 0),
    };
    await deps.invalidate?.(platform, marketplace, keywords);
    await setProgress(deps.db, input.requestId, {
      status: 'done',
      requestsDone: result.requests,
      keywordsFound: result.keywords,
    });
    return result;
  } catch (error) {
    // A transient failure is retried by the queue: the request goes back to waiting for it.
    const retryable = !(error instanceof AppError) || JOB_RETRYABLE_CODES.has(error.code);
    await setProgress(deps.db, input.requestId, {
      status: retryable ? 'queued' : 'failed',
      error: summarizeError(error).message,
    });
    throw error;
  }
}

type Progress = Partial<
  Pick<
    typeof collectionRequests.$inferInsert,
    'status' | 'requestsDone' | 'requestsPlanned' | 'keywordsFound' | 'error'
  >
>;

async function setProgress(db: Db, requestId: string | undefined, progress: Progress) {
  if (!requestId) return;
  await db
    .update(collectionRequests)
    .set({ ...progress, updatedAt: new Date() })
    .where(eq(collectionRequests.id, requestId));
}

/** The seller's connected account for this platform over the platform-wide credentials. */
async function withOwnerCredentials(
  deps: CollectionDeps,
  platform: Platform,
  ownerId: string | undefined,
): Promise<CollectionDeps> {
  if (!ownerId || !deps.connections) return deps;
  const own = await deps.connections(ownerId, platform);
  if (!own) return deps;
  const access = deps.marketplaces[platform] ?? {};
  return {
    ...deps,
    marketplaces: {
      ...deps.marketplaces,
      [platform]: { ...access, credentials: { ...access.credentials, ...own } },
    },
  };
}
