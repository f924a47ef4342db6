import type { Platform } from '@digitallz/contracts';
import { type Db, sql } from '@digitallz/db';
import type { SuggestionObservation } from '../collectors/expand-suggestions';
import { COLLECTORS } from '../collectors/registry';
import { callMarketplace } from './call-marketplace';
import type { CollectionDeps } from './collection-deps';

/** What a collection writes besides search statistics: suggestions seen, keywords found, bids. */

const BID_BATCH = 100;

/** Amazon Ads suggested bids for the keywords (the first 100), when the account is connected. */
export async function fetchBids(
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
  // One statement for the batch, its rows in key order (concurrent jobs lock them in that order).
  const known = bids
    .filter((b): b is typeof b & { suggested: number } => b.suggested !== null)
    .sort((a, b) => (a.keyword < b.keyword ? -1 : a.keyword > b.keyword ? 1 : 0));
  if (known.length > 0)
    await deps.db.execute(sql`
      update keyword_data k set cpc = b.cpc
      from unnest(${sql.param(known.map((b) => b.keyword))}::text[],
                  ${sql.param(known.map((b) => b.suggested))}::numeric[]) as b(keyword, cpc)
      where k.platform = ${platform} and k.marketplace = ${marketplace} and k.keyword = b.keyword`);
  return bids;
}

const OBSERVATION_BATCH = 5_000;

export async function writeObservations(
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
export async function ensureKeywords(
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
