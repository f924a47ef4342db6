import type { KeywordRef } from '@digitallz/contracts';
import { type Db, queryRows, sql } from '@digitallz/db';
import { AppError } from '../errors';
import { normalizeKeyword } from '../keywords/normalize-keyword';
import { ownedList } from '../lists/list-access';
import { type PlanName, planOf } from '../quotas/plans';
import { ensureDefaultAlertRules } from './manage-alert-rules';

export type TrackInput =
  | { keywords: KeywordRef[]; source: 'search' | 'import' | 'api' }
  | { listId: string; source: 'list' }
  | { importId: number; source: 'import' };

export type TrackResult = { tracked: number; notFound: KeywordRef[]; used: number; limit: number };

/**
 * Starts tracking keywords (given, every keyword of a list, or of an import), within the plan's limit: all or
 * nothing, so a request over the limit tracks none. Keywords already tracked count once; unknown
 * ones are reported (search them first: that collects them).
 */
export async function trackKeywords(
  deps: { db: Db; clock: () => Date },
  user: { id: string; plan: PlanName },
  input: TrackInput,
): Promise<TrackResult> {
  const limit = planOf(user.plan).trackedKeywords;
  const { ids, notFound } =
    'listId' in input
      ? { ids: await listKeywordIds(deps.db, user.id, input.listId), notFound: [] }
      : 'importId' in input
        ? { ids: await importKeywordIds(deps.db, user.id, input.importId), notFound: [] }
        : await knownKeywordIds(deps.db, input.keywords);
  const tracked = await deps.db.transaction(async (tx) => {
    // One writer per user at a time: the count and the insert agree.
    await tx.execute(sql`select id from users where id = ${user.id}::uuid for update`);
    const [row] = await queryRows<{ used: number; fresh: number }>(
      tx as never,
      sql`select (select count(*)::int from tracked_keywords where user_id = ${user.id}::uuid) as used,
                 (select count(*)::int from jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb) as t(k)
                  where not exists (select 1 from tracked_keywords where user_id = ${user.id}::uuid and keyword_id = k::bigint)) as fresh`,
    );
    const used = row?.used ?? 0;
    const fresh = row?.fresh ?? 0;
    if (used + fresh > limit)
      throw new AppError(
        'PLAN_LIMIT_REACHED',
        `your plan tracks up to ${limit.toLocaleString('en-US')} keywords (${used.toLocaleString('en-US')} tracked, ${fresh.toLocaleString('en-US')} more asked): upgrade or stop tracking some`,
      );
    await tx.execute(sql`
      insert into tracked_keywords (user_id, keyword_id, source, created_at, next_refresh_at)
      select ${user.id}::uuid, k::bigint, ${input.source}, ${deps.clock().toISOString()}::timestamptz, ${deps.clock().toISOString()}::timestamptz
      from jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb) as t(k)
      on conflict do nothing`);
    return { fresh, used: used + fresh };
  });
  if (tracked.fresh > 0) await ensureDefaultAlertRules(deps.db, user.id);
  return { tracked: tracked.fresh, notFound, used: tracked.used, limit };
}

async function knownKeywordIds(db: Db, refs: KeywordRef[]) {
  const wanted = refs.map((r) => ({ ...r, keyword: normalizeKeyword(r.keyword) }));
  const known = await queryRows<{ id: string; key: string }>(
    db,
    sql`select k.id::text as id, k.platform || ':' || k.marketplace || ':' || k.keyword as key
        from jsonb_to_recordset(${JSON.stringify(wanted)}::jsonb) as r(platform text, marketplace text, keyword text)
        join keyword_data k on k.platform = r.platform and k.marketplace = r.marketplace and k.keyword = r.keyword`,
  );
  const found = new Set(known.map((k) => k.key));
  return {
    ids: [...new Set(known.map((k) => k.id))],
    notFound: wanted.filter((r) => !found.has(`${r.platform}:${r.marketplace}:${r.keyword}`)),
  };
}

async function listKeywordIds(db: Db, userId: string, listId: string) {
  await ownedList(db, listId, userId);
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select keyword_id::text as id from keyword_list_items where list_id = ${listId}::uuid`,
  );
  return rows.map((r) => r.id);
}

/**
 * The marketplace keywords of one of the user's completed imports (Keyword Planner's web rows
 * are not); one still being imported, or failed, has none to track yet.
 */
async function importKeywordIds(db: Db, userId: string, importId: number) {
  const [owned] = await queryRows<{ status: string }>(
    db,
    sql`select status from keyword_imports where id = ${importId} and owner_id = ${userId}::uuid`,
  );
  if (!owned) throw new AppError('NOT_FOUND', `No import ${importId}`);
  if (owned.status !== 'completed')
    throw new AppError(
      'CONFLICT',
      owned.status === 'failed'
        ? `Import ${importId} failed: it has no keywords to track`
        : `Import ${importId} is still ${owned.status}: track its keywords once it has completed`,
    );
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select distinct k.id::text as id from imported_metrics r
        join keyword_data k on k.platform = r.platform and k.marketplace = r.marketplace and k.keyword = r.keyword
        where r.import_id = ${importId}`,
  );
  return rows.map((r) => r.id);
}
