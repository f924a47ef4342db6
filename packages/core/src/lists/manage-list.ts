import { randomBytes } from 'node:crypto';
import type { KeywordList } from '@digitallz/contracts';
import { type Db, queryRows, sql } from '@digitallz/db';
import { AppError } from '../errors';
import { type ListOwner, ownedList } from './list-access';

/** Lists one owner may hold: enough for any seller, a bound against runaway scripts. */
export const MAX_LISTS = 500;

export async function createList(db: Db, owner: ListOwner, name: string): Promise<KeywordList> {
  const id = await db.transaction(async (tx) => {
    const [count] = await queryRows<{ n: number }>(
      tx as unknown as Db,
      sql`select count(*)::int as n from keyword_lists where owner_id is not distinct from ${owner}::uuid`,
    );
    if ((count?.n ?? 0) >= MAX_LISTS)
      throw new AppError('CONFLICT', `At most ${MAX_LISTS} lists: delete one first`);
    const [row] = await queryRows<{ id: string }>(
      tx as unknown as Db,
      sql`insert into keyword_lists (owner_id, name) values (${owner}::uuid, ${name}) returning id::text as id`,
    );
    return row?.id as string;
  });
  return ownedList(db, id, owner);
}

export async function renameList(
  db: Db,
  owner: ListOwner,
  id: string,
  name: string,
): Promise<KeywordList> {
  await ownedList(db, id, owner);
  await db.execute(
    sql`update keyword_lists set name = ${name}, updated_at = now() where id = ${id}::uuid`,
  );
  return ownedList(db, id, owner);
}

export async function deleteList(db: Db, owner: ListOwner, id: string): Promise<void> {
  await ownedList(db, id, owner);
  await db.execute(sql`delete from keyword_lists where id = ${id}::uuid`);
}

/** Shares a list read-only under an unguessable token (the same one while it stays shared). */
export async function shareList(db: Db, owner: ListOwner, id: string): Promise<KeywordList> {
  await ownedList(db, id, owner);
  const token = randomBytes(24).toString('base64url');
  await db.execute(
    sql`update keyword_lists set share_token = coalesce(share_token, ${token}), updated_at = now() where id = ${id}::uuid`,
  );
  return ownedList(db, id, owner);
}

/** Revokes the share link: the token stops working at once. */
export async function unshareList(db: Db, owner: ListOwner, id: string): Promise<KeywordList> {
  await ownedList(db, id, owner);
  await db.execute(
    sql`update keyword_lists set share_token = null, updated_at = now() where id = ${id}::uuid`,
  );
  return ownedList(db, id, owner);
}
