import type { KeywordSearchQuery, KeywordSearchResponse, Platform } from '@digitallz/contracts';
import { type Db, queryRows, sql } from '@digitallz/db';
import { requestCollection } from '../collection/request-collection';
import type { JobQueue } from '../jobs/job-queue';
import { type FindKeywordsDeps, findKeywords } from './find-keywords';
import { normalizeKeyword } from './normalize-keyword';

async function isKnown(db: Db, platform: Platform, marketplace: string, keyword: string) {
  const rows = await queryRows(
    db,
    sql`select 1 from keyword_data where platform = ${platform} and marketplace = ${marketplace} and keyword = ${keyword} limit 1`,
  );
  return rows.length > 0;
}

export type SearchKeywordsDeps = FindKeywordsDeps & {
  /** A read replica for the search itself; the collection request is written to `db`. */
  readDb?: Db;
  jobs: JobQueue;
  clock: () => Date;
  /** Collection is best effort: the search still answers with what is known. */
  onCollectionError?: (error: unknown) => void;
};

/**
 * Flow 1 of the design: answer at once with what is known and, when the keyword itself is
 * unknown, start collecting it at interactive priority and say so.
 */
export async function searchKeywords(
  deps: SearchKeywordsDeps,
  query: KeywordSearchQuery,
  /** The signed-in seller: a collection started for them uses their connected marketplace. */
  ownerId?: string | null,
): Promise<KeywordSearchResponse> {
  const reads = deps.readDb ?? deps.db;
  const page = await findKeywords({ ...deps, db: reads }, query);
  const keyword = normalizeKeyword(query.q);
  if (query.cursor || page.data.some((k) => k.keyword === keyword))
    return { ...page, collection: null };
  // Sorted or filtered, the keyword itself may be known but not on this page.
  if (await isKnown(reads, query.platform, query.marketplace, keyword))
    return { ...page, collection: null };
  try {
    const collection = await requestCollection(
      deps,
      {
        platform: query.platform,
        marketplace: query.marketplace,
        keyword,
      },
      ownerId,
    );
    return { ...page, collection };
  } catch (error) {
    deps.onCollectionError?.(error);
    return { ...page, collection: null };
  }
}
