import type { KeywordFilters } from '@digitallz/contracts';
import { type SQL, sql } from '@digitallz/db';
import { escapeLike } from './normalize-keyword';

/** What `keywordFiltersSql` gives when no filter is set (the same object every time). */
export const NO_FILTERS: SQL = sql`true`;

/** The SQL conditions of the list filters, on keyword_data aliased `k`; `NO_FILTERS` without any. */
export function keywordFiltersSql(f: KeywordFilters): SQL {
  const words = sql`array_length(string_to_array(k.keyword, ' '), 1)`;
  const parts: SQL[] = [];
  if (f.minVolume !== undefined) parts.push(sql`k.search_volume >= ${f.minVolume}`);
  if (f.maxVolume !== undefined) parts.push(sql`k.search_volume <= ${f.maxVolume}`);
  if (f.maxCompetition !== undefined) parts.push(sql`k.competition <= ${f.maxCompetition}`);
  if (f.maxDifficulty !== undefined) parts.push(sql`k.difficulty <= ${f.maxDifficulty}`);
  if (f.minOpportunity !== undefined) parts.push(sql`k.opportunity >= ${f.minOpportunity}`);
  const change = sql`keyword_yearly_change(k.trend_data)`;
  if (f.minYearlyChange !== undefined) parts.push(sql`${change} >= ${f.minYearlyChange}`);
  if (f.maxYearlyChange !== undefined) parts.push(sql`${change} <= ${f.maxYearlyChange}`);
  if (f.minWords !== undefined) parts.push(sql`${words} >= ${f.minWords}`);
  if (f.maxWords !== undefined) parts.push(sql`${words} <= ${f.maxWords}`);
  for (const term of f.includes ?? []) parts.push(sql`k.keyword like ${`%${escapeLike(term)}%`}`);
  for (const term of f.excludes ?? [])
    parts.push(sql`k.keyword not like ${`%${escapeLike(term)}%`}`);
  return parts.length ? sql.join(parts, sql` and `) : NO_FILTERS;
}
