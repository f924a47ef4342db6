'use server';

import type { KeywordSummary, Platform } from '@digitallz/contracts';
import { searchKeywords } from '../lib/api';

export type MoreRows =
  | { ok: true; rows: KeywordSummary[]; nextCursor: string | null }
  | { ok: false; message: string };

/** The next page of a search (100 rows), for the results table's "load more". */
export async function loadMoreKeywords(
  query: { q: string; platform: Platform; marketplace: string },
  cursor: string,
): Promise<MoreRows> {
  const result = await searchKeywords({ ...query, cursor, limit: 100 });
  if (!result.ok) return { ok: false, message: result.message };
  return { ok: true, rows: result.data.data, nextCursor: result.data.nextCursor };
}
