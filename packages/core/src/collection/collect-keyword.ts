import type { Platform } from '@digitallz/contracts';
import { collectionRequests, type Db, sql } from '@digitallz/db';
import { eq } from 'drizzle-orm';
import { expandSuggestions, type SuggestionObservation } from '../collectors/expand-suggestions';
import { COLLECTORS } from '../collectors/registry';
import { AppError, RETRYABLE_CODES } from '../errors';
import { summarizeError } from '../errors-summary';
import { callMarketplace } from './call-marketplace';
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
 * statistics. Safe to run twice: the same rows result.
 */
export async function collectKeyword(
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
    await deps.invalidate?.(platform);
    await setProgress(deps.db, input.requestId, {
      status: 'done',
      requestsDone: result.requests,
      keywordsFound: result.keywords,
    });
    return result;
  } catch (error) {
    // A transient failure is retried by the queue: the request goes back to waiting for it.
    const retryable = !(error instanceof AppError) || RETRYABLE_CODES.has(error.code);
    await setProgress(deps.db, input.requestId, {
      status: retryable ? 'queued' : 'failed',
      error: summarizeError(error).message,
    });
    throw error;
  }
}

const BID_BATCH = 100;

/** Suggested bids (CPC) where the platform offers them and the user connected the account. */
async function fetchBids(
  deps: CollectionDeps,
  platform: Platform,
  marketplace: string,
  keywords: string[],
) {
  const collector = COLLECTORS[platform];
  if (!collector.fetchBidEstimates) return null;
  const credentials = deps.marketplaces[platform]?.credentials ?? {};
  if (
    !credentials.adsClientId ||
    !credentials.adsAccessToken ||
    !credentials.adsProfileId ||
    !credentials.adsAsin
  )
    return null;
  const batch = [...new Set(keywords)].slice(0, BID_BATCH);
  const bids = await callMarketplace(deps, platform, 'bid-estimates', (o) =>
    (collector.fetchBidEstimates as NonNullable<typeof collector.fetchBidEstimates>)(batch, {
      ...o,
      marketplace,
    }),
  );
  for (const bid of bids) {
    if (bid.suggested === null) continue;
    await deps.db.execute(sql`
      update keyword_data set cpc = ${bid.suggested}
      where platform = ${platform} and marketplace = ${marketplace} and keyword = ${bid.keyword}`);
  }
  return bids;
}

const OBSERVATION_BATCH = 5_000;

async function writeObservations(
  db: Db,
  platform: string,
  marketplace: string,
  observedAt: Date,
  rows: SuggestionObservation[],
) {
  // Sorted by the natural key, so that concurrent jobs take row locks in the same order.
  const sorted = [...rows].sort((a, b) =>
    a.prefix === b.prefix ? (a.keyword < b.keyword ? -1 : 1) : a.prefix < b.prefix ? -1 : 1,
  );
  for (let i = 0; i < sorted.length; i += OBSERVATION_BATCH) {
    const batch = sorted.slice(i, i + OBSERVATION_BATCH);
    await db.execute(sql`
      insert into suggestion_observations (platform, marketplace, keyword, prefix, position, depth, observed_at)
      select ${platform}, ${marketplace}, k, p, pos, d, ${observedAt.toISOString()}::timestamptz
      from unnest(${sql.param(batch.map((o) => o.keyword))}::text[], ${sql.param(batch.map((o) => o.prefix))}::text[],
                  ${sql.param(batch.map((o) => o.position))}::smallint[], ${sql.param(batch.map((o) => o.depth))}::smallint[])
           as t(k, p, pos, d)
      on conflict on constraint suggestion_observations_natural_key do nothing`);
  }
}

/**
 * Keywords seen in suggestions are known from `observedAt` on. A known keyword keeps its
 * last_updated: that is when its marketplace search was last collected (the stale refresh uses it).
 */
async function ensureKeywords(
  db: Db,
  at: { platform: string; marketplace: string; source: string; observedAt: Date },
  keywords: string[],
) {
  // Sorted, so that concurrent jobs with overlapping keywords lock rows in the same order (no deadlocks).
  const unique = [...new Set(keywords.filter((k) => k.length > 0 && k.length <= 200))].sort();
  if (unique.length === 0) return;
  await db.execute(sql`
    insert into keyword_data (keyword, platform, marketplace, source, last_updated)
    select k, ${at.platform}, ${at.marketplace}, ${at.source}, ${at.observedAt.toISOString()}::timestamptz
    from unnest(${sql.param(unique)}::text[]) as t(k)
    on conflict on constraint keyword_data_platform_marketplace_keyword_key do nothing`);
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
