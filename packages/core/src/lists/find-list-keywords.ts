import type {
  KeywordListPage,
  KeywordSummary,
  ListExportQuery,
  ListItemsQuery,
} from '@digitallz/contracts';
import { type Db, sql } from '@digitallz/db';
import { keywordFiltersSql } from '../keywords/keyword-filters';
import { decodePageCursor, encodePageCursor } from '../keywords/page-cursor';
import { allKeywords, pageKeywords } from '../keywords/page-keywords';
import { toSummary } from '../keywords/summary-row';
import { type ListOwner, ownedList, sharedList } from './list-access';

/** A list is reached by its owner, or by anyone holding its share token (read-only). */
export type ListAccess = { id: string; owner: ListOwner } | { token: string };

const resolve = (db: Db, access: ListAccess) =>
  'token' in access ? sharedList(db, access.token) : ownedList(db, access.id, access.owner);

function listWhere(listId: string, query: Omit<ListItemsQuery, 'limit' | 'cursor' | 'sort'>) {
  return {
    from: sql`keyword_list_items i join keyword_data k on k.id = i.keyword_id`,
    where: sql`i.list_id = ${listId}::uuid ${query.platform ? sql`and k.platform = ${query.platform}` : sql``}
               and ${keywordFiltersSql(query)}`,
  };
}

/** The keywords of a list, filtered and sorted, a page at a time. */
export async function findListKeywords(
  db: Db,
  access: ListAccess,
  query: ListItemsQuery,
): Promise<KeywordListPage> {
  const list = await resolve(db, access);
  const { cursor, limit, ...rest } = query;
  const queryKey = `${list.id}:${JSON.stringify(rest)}`;
  const page = await pageKeywords(db, {
    ...listWhere(list.id, rest),
    sort: query.sort,
    limit,
    after: cursor ? decodePageCursor(cursor, queryKey) : null,
  });
  return {
    list,
    data: page.rows.map(toSummary),
    nextCursor: page.next ? encodePageCursor(page.next, queryKey) : null,
  };
}

/** Every keyword of a list for an export, streamed page by page. */
export async function exportListKeywords(
  db: Db,
  access: ListAccess,
  query: ListExportQuery,
  maxRows: number,
): Promise<{ name: string; rows: AsyncIterable<KeywordSummary> }> {
  const list = await resolve(db, access);
  const rows = allKeywords(db, { ...listWhere(list.id, query), sort: query.sort, max: maxRows });
  return { name: list.name, rows: mapSummaries(rows) };
}

async function* mapSummaries(rows: AsyncIterable<Parameters<typeof toSummary>[0]>) {
  for await (const row of rows) yield toSummary(row);
}
