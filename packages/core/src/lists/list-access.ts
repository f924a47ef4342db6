import type { KeywordList } from '@digitallz/contracts';
import { type Db, queryRows, sql } from '@digitallz/db';
import { AppError } from '../errors';

/** Who acts on lists: a user id, or null for the anonymous workspace (until accounts exist). */
export type ListOwner = string | null;

type ListRow = {
  id: string;
  name: string;
  share_token: string | null;
  keyword_count: number;
  created_at: string;
  updated_at: string;
};

const SELECT_LIST = sql`
  select l.id::text as id, l.name, l.share_token,
         (select count(*)::int from keyword_list_items i where i.list_id = l.id) as keyword_count,
         to_json(l.created_at)#>>'{}' as created_at, to_json(l.updated_at)#>>'{}' as updated_at
  from keyword_lists l`;

export function toList(row: ListRow): KeywordList {
  return {
    id: row.id,
    name: row.name,
    keywordCount: row.keyword_count,
    sharePath: row.share_token ? `/api/v1/shared/${row.share_token}` : null,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

/** The owner's list, or NOT_FOUND (another owner's list is not found either: no existence leak). */
export async function ownedList(db: Db, id: string, owner: ListOwner): Promise<KeywordList> {
  const [row] = await queryRows<ListRow>(
    db,
    sql`${SELECT_LIST} where l.id = ${id}::uuid and l.owner_id is not distinct from ${owner}::uuid`,
  );
  if (!row) throw new AppError('NOT_FOUND', `No list ${id}`);
  return toList(row);
}

/** The list shared under a token, or NOT_FOUND once the share is revoked. */
export async function sharedList(db: Db, token: string): Promise<KeywordList> {
  const [row] = await queryRows<ListRow>(db, sql`${SELECT_LIST} where l.share_token = ${token}`);
  if (!row)
    throw new AppError('NOT_FOUND', 'This shared list does not exist or is no longer shared');
  return toList(row);
}

export async function findLists(db: Db, owner: ListOwner): Promise<KeywordList[]> {
  const rows = await queryRows<ListRow>(
    db,
    sql`${SELECT_LIST} where l.owner_id is not distinct from ${owner}::uuid order by l.created_at desc, l.id`,
  );
  return rows.map(toList);
}
