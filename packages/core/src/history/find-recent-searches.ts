import type { SearchHistoryPage } from '@digitallz/contracts';
import { type Db, queryRows, sql } from '@digitallz/db';
import type { ListOwner } from '../lists/list-access';

/** Searches looked at for the distinct ones: the owner's latest, by the (user, created) index. */
const LOOKED_AT = 200;

/**
 * The owner's last distinct searches (keyword, platform and country), newest first: the
 * dashboard's shortcuts, where the same search twice would be noise. The full log, repeats and
 * all, is the search history.
 */
export async function findRecentSearches(
  db: Db,
  owner: ListOwner,
  limit: number,
): Promise<SearchHistoryPage['data']> {
  const rows = await queryRows<{
    keyword: string;
    platform: SearchHistoryPage['data'][number]['platform'];
    marketplace: string;
    result_count: number;
    created_at: string;
  }>(
    db,
    sql`select keyword, platform, marketplace, result_count, created_at from (
          select distinct on (keyword, platform, marketplace)
                 keyword, platform, marketplace, result_count, to_json(created_at)#>>'{}' as created_at, created_at as at, id
          from (select * from keyword_searches
                where user_id is not distinct from ${owner}::uuid
                order by created_at desc, id desc limit ${LOOKED_AT}) latest
          order by keyword, platform, marketplace, created_at desc, id desc) d
        order by at desc, id desc
        limit ${limit}`,
  );
  return rows.map((r) => ({
    keyword: r.keyword,
    platform: r.platform,
    marketplace: r.marketplace,
    resultCount: r.result_count,
    searchedAt: new Date(r.created_at).toISOString(),
  }));
}
