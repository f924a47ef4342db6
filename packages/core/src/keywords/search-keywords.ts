import type { KeywordSearchQuery, KeywordSearchResponse } from '@digitallz/contracts';
import { requestCollection } from '../collection/request-collection';
import type { JobQueue } from '../jobs/job-queue';
import { type FindKeywordsDeps, findKeywords } from './find-keywords';
import { normalizeKeyword } from './normalize-keyword';

export type SearchKeywordsDeps = FindKeywordsDeps & {
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
  const page = await findKeywords(deps, query);
  const keyword = normalizeKeyword(query.q);
  if (query.cursor || page.data[0]?.keyword === keyword) return { ...page, collection: null };
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
