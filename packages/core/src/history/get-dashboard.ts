import { type Dashboard, PLATFORMS } from '@digitallz/contracts';
import { type Db, queryRows, sql } from '@digitallz/db';
import { pageKeywords } from '../keywords/page-keywords';
import { toSummary } from '../keywords/summary-row';
import type { ListOwner } from '../lists/list-access';
import { findRecentSearches } from './find-recent-searches';

/** A keyword worth showing as an opportunity has some demand. */
const MIN_VOLUME = 100;

/** The dashboard: recent searches, what the platform knows, top opportunities, trending, lists, batches. */
export async function getDashboard(
  deps: { db: Db; clock: () => Date },
  owner: ListOwner,
): Promise<Dashboard> {
  const weekAgo = new Date(deps.clock().getTime() - 7 * 24 * 3600 * 1000).toISOString();
  const [recent, platforms, opportunities, trending, counts] = await Promise.all([
    findRecentSearches(deps.db, owner, 5),
    queryRows<{
      platform: Dashboard['platforms'][number]['platform'];
      keywords: number;
      fresh: number;
    }>(
      deps.db,
      sql`select platform, count(*)::int as keywords,
                 count(*) filter (where last_updated >= ${weekAgo}::timestamptz and source <> 'demo')::int as fresh
          from keyword_data group by platform`,
    ),
    pageKeywords(deps.db, {
      where: sql`k.search_volume >= ${MIN_VOLUME}`,
      sort: 'opportunity',
      limit: 5,
      after: null,
    }),
    pageKeywords(deps.db, { where: sql`true`, sort: 'trending', limit: 5, after: null }),
    queryRows<{ lists: number; running: number; completed: number }>(
      deps.db,
      sql`select (select count(*)::int from keyword_lists where owner_id is not distinct from ${owner}::uuid) as lists,
                 count(*) filter (where status in ('queued', 'running'))::int as running,
                 count(*) filter (where status = 'completed')::int as completed
          from batch_analyses where owner_id is not distinct from ${owner}::uuid`,
    ),
  ]);
  return {
    recentSearches: recent,
    platforms: PLATFORMS.map((platform) => {
      const row = platforms.find((p) => p.platform === platform);
      return { platform, keywords: row?.keywords ?? 0, collectedThisWeek: row?.fresh ?? 0 };
    }),
    topOpportunities: opportunities.rows.map(toSummary),
    trending: trending.rows.map(toSummary),
    lists: counts[0]?.lists ?? 0,
    batches: { running: counts[0]?.running ?? 0, completed: counts[0]?.completed ?? 0 },
  };
}
