import type { SearchHistoryPage, SearchHistoryQuery } from '@digitallz/contracts';
import { type Db, queryRows, sql } from '@digitallz/db';
import { z } from 'zod';
import { AppError } from '../errors';
import type { ListOwner } from '../lists/list-access';

type Row = {
  id: string;
  keyword: string;
  platform: SearchHistoryPage['data'][number]['platform'];
  marketplace: string;
  result_count: number;
  created_at: string;
};

const CursorSchema = z.object({ t: z.iso.datetime({ offset: true }), i: z.uuid() });

/** The owner's searches, newest first, a page at a time. */
export async function findSearchHistory(
  db: Db,
  owner: ListOwner,
  query: SearchHistoryQuery,
): Promise<SearchHistoryPage> {
  const after = query.cursor ? decodeCursor(query.cursor) : null;
  const rows = await queryRows<Row>(
    db,
    sql`select s.id::text as id, s.keyword, s.platform, s.marketplace, s.result_count,
               to_json(s.created_at)#>>'{}' as created_at
        from keyword_searches s
        where s.user_id is not distinct from ${owner}::uuid
          ${query.platform ? sql`and s.platform = ${query.platform}` : sql``}
          ${after ? sql`and (s.created_at, s.id) < (${after.t}::timestamptz, ${after.i}::uuid)` : sql``}
        order by s.created_at desc, s.id desc
        limit ${query.limit + 1}`,
  );
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    data: page.map((r) => ({
      keyword: r.keyword,
      platform: r.platform,
      marketplace: r.marketplace,
      resultCount: r.result_count,
      searchedAt: new Date(r.created_at).toISOString(),
    })),
    nextCursor:
      rows.length > query.limit && last
        ? Buffer.from(JSON.stringify({ t: last.created_at, i: last.id })).toString('base64url')
        : null,
  };
}

function decodeCursor(cursor: string) {
  let parsed: unknown = null;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {}
  const result = CursorSchema.safeParse(parsed);
  if (!result.success)
    throw new AppError('VALIDATION_FAILED', 'cursor is invalid', {
      details: [{ path: 'cursor', message: 'invalid cursor' }],
    });
  return result.data;
}
