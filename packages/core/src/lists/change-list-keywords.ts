import type { KeywordRef, ListChangeResult } from '@digitallz/contracts';
import { type Db, queryRows, sql } from '@digitallz/db';
import { normalizeKeyword } from '../keywords/normalize-keyword';
import { type ListOwner, ownedList } from './list-access';

/** Keywords one list may hold. */
export const MAX_LIST_KEYWORDS = 100_000;

type Change = 'add' | 'remove';

/**
 * Adds keywords to a list or removes them, in one statement: all or nothing. Keywords not known on
 * their platform are reported, not invented.
 */
export async function changeListKeywords(
  db: Db,
  owner: ListOwner,
  id: string,
  change: Change,
  refs: KeywordRef[],
): Promise<ListChangeResult> {
  await ownedList(db, id, owner);
  const wanted = refs.map((r) => ({ ...r, keyword: normalizeKeyword(r.keyword) }));
  const known = await queryRows<{
    id: string;
    platform: string;
    marketplace: string;
    keyword: string;
  }>(
    db,
    sql`select k.id::text as id, k.platform, k.marketplace, k.keyword
        from jsonb_to_recordset(${JSON.stringify(wanted)}::jsonb) as r(platform text, marketplace text, keyword text)
        join keyword_data k on k.platform = r.platform and k.marketplace = r.marketplace and k.keyword = r.keyword`,
  );
  const found = new Set(known.map((k) => `${k.platform}:${k.marketplace}:${k.keyword}`));
  const notFound = wanted.filter((r) => !found.has(`${r.platform}:${r.marketplace}:${r.keyword}`));
  const ids = JSON.stringify(known.map((k) => Number(k.id)));
  const changed = await db.transaction(async (tx) => {
    const result = (await tx.execute(
      change === 'add'
        ? sql`insert into keyword_list_items (list_id, keyword_id)
              select ${id}::uuid, k::bigint from jsonb_array_elements_text(${ids}::jsonb) as t(k)
              where (select count(*) from keyword_list_items where list_id = ${id}::uuid) < ${MAX_LIST_KEYWORDS}
              on conflict do nothing`
        : sql`delete from keyword_list_items
              where list_id = ${id}::uuid and keyword_id in (select k::bigint from jsonb_array_elements_text(${ids}::jsonb) as t(k))`,
    )) as unknown as { rowCount?: number | null; affectedRows?: number };
    await tx.execute(sql`update keyword_lists set updated_at = now() where id = ${id}::uuid`);
    return result.rowCount ?? result.affectedRows ?? 0;
  });
  return { changed, notFound };
}
