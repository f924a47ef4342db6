import { type Db, queryRows, sql } from '@digitallz/db';
import type { JobQueue } from '../jobs/job-queue';
import { emitEvent } from '../notifications/emit-event';
import {
  type AlertKind,
  type Baseline,
  checkAlertRule,
  type Metrics,
  type Seasonality,
} from './check-alert-rule';
import { type AlertFacts, describeAlert } from './describe-alert';

type Tracked = {
  id: string;
  user_id: string;
  keyword_id: string;
  keyword: string;
  platform: string;
  marketplace: string;
  baseline: Baseline | null;
  checked_at: string | null;
  search_volume: number | null;
  competition: number | null;
  cpc: string | null;
  difficulty: number | null;
  opportunity: number | null;
  listing_count: number | null;
  trend_data: { trendingNow?: { trending?: boolean }; seasonality?: Seasonality } | null;
};

type Rule = {
  user_id: string;
  kind: AlertKind;
  threshold: number;
  tracked_keyword_id: string | null;
};

/**
 * The alert pass: for each tracked keyword whose estimates changed since it was last checked (or
 * not checked for a day: seasons come closer), records today's snapshot, runs the user's rules
 * against the baseline and emits one event per alert. A metric's baseline moves when its alert
 * fires, so slow drifts add up until they matter.
 */
export async function evaluateAlerts(
  deps: { db: Db; clock: () => Date; enqueue?: JobQueue['enqueue'] },
  input: { limit: number },
): Promise<{ checked: number; alerts: number }> {
  const now = deps.clock();
  const at = now.toISOString();
  const rows = await queryRows<Tracked>(
    deps.db,
    sql`select t.id, t.user_id, k.id::text as keyword_id, k.keyword, k.platform, k.marketplace, t.baseline,
               t.checked_at, k.search_volume, k.competition, k.cpc::text, k.difficulty, k.opportunity,
               k.listing_count, k.trend_data
        from tracked_keywords t join keyword_data k on k.id = t.keyword_id
        where (k.source = 'demo' or (k.estimates->>'basedOn')::timestamptz is not distinct from k.last_updated)
          and (t.checked_at is null or k.last_updated > t.checked_at
               or t.checked_at <= ${at}::timestamptz - interval '1 day')
        order by t.checked_at nulls first limit ${input.limit}`,
  );
  if (rows.length === 0) return { checked: 0, alerts: 0 };
  const rules = await queryRows<Rule>(
    deps.db,
    sql`select user_id, kind, threshold, tracked_keyword_id from alert_rules
        where enabled and user_id in (select (jsonb_array_elements_text(${JSON.stringify([...new Set(rows.map((r) => r.user_id))])}::jsonb))::uuid)`,
  );
  let alerts = 0;
  for (const row of rows) {
    const current: Metrics = {
      searchVolume: row.search_volume,
      competition: row.competition,
      trending: row.trend_data?.trendingNow?.trending === true,
    };
    await snapshot(deps.db, row, current, at);
    const base: Baseline = row.baseline ?? { ...current, volumeAt: at, competitionAt: at };
    const mine = rules.filter(
      (r) =>
        r.user_id === row.user_id && (!r.tracked_keyword_id || r.tracked_keyword_id === row.id),
    );
    const fired = new Set<AlertKind>();
    for (const rule of row.baseline ? mine : mine.filter((r) => r.kind === 'seasonal_peak')) {
      const alert =
        rule.kind === 'new_related'
          ? null
          : checkAlertRule(
              { kind: rule.kind, threshold: rule.threshold },
              {
                ...keywordOf(row),
                baseline: base,
                current,
                seasonality: row.trend_data?.seasonality ?? null,
                now,
              },
            );
      if (!alert) continue;
      fired.add(rule.kind);
      const id = await emitEvent(deps, {
        userId: row.user_id,
        type: 'keyword.alert',
        title: alert.title,
        body: alert.body,
        data: { trackedKeywordId: row.id, ...alert.data },
        dedupeKey: `${alert.dedupe}:${row.keyword_id}`,
      });
      if (id) alerts++;
    }
    const related = mine.filter((r) => r.kind === 'new_related');
    if (row.checked_at && related.length > 0)
      alerts += await newRelated(deps, row, Math.min(...related.map((r) => r.threshold)));
    const next: Baseline = {
      searchVolume: fired.has('volume_change') ? current.searchVolume : base.searchVolume,
      volumeAt: fired.has('volume_change') ? at : base.volumeAt,
      competition: fired.has('competition_jump') ? current.competition : base.competition,
      competitionAt: fired.has('competition_jump') ? at : base.competitionAt,
      trending: current.trending,
    };
    await deps.db.execute(
      sql`update tracked_keywords set baseline = ${JSON.stringify(next)}::jsonb, checked_at = ${at}::timestamptz where id = ${row.id}::uuid`,
    );
  }
  return { checked: rows.length, alerts };
}

function keywordOf(row: Tracked) {
  return { keyword: row.keyword, platform: row.platform, marketplace: row.marketplace };
}

async function snapshot(db: Db, row: Tracked, current: Metrics, at: string) {
  await db.execute(sql`
    insert into keyword_snapshots (keyword_id, taken_on, search_volume, competition, cpc, difficulty, opportunity, listing_count, trending)
    values (${row.keyword_id}::bigint, (${at}::timestamptz at time zone 'UTC')::date, ${row.search_volume}, ${row.competition},
            ${row.cpc}::numeric, ${row.difficulty}, ${row.opportunity}, ${row.listing_count}, ${current.trending})
    on conflict (keyword_id, taken_on) do update set search_volume = excluded.search_volume,
      competition = excluded.competition, cpc = excluded.cpc, difficulty = excluded.difficulty,
      opportunity = excluded.opportunity, listing_count = excluded.listing_count, trending = excluded.trending`);
}

/** Keywords that appeared under a tracked seed since its last check, with a high opportunity. */
async function newRelated(
  deps: { db: Db; enqueue?: JobQueue['enqueue'] },
  row: Tracked,
  minOpportunity: number,
): Promise<number> {
  const found = await queryRows<{
    id: string;
    keyword: string;
    opportunity: number;
    search_volume: number | null;
  }>(
    deps.db,
    sql`select id::text, keyword, opportunity, search_volume from keyword_data
        where platform = ${row.platform} and marketplace = ${row.marketplace} and id <> ${row.keyword_id}::bigint
          and created_at > ${row.checked_at}::timestamptz
          and keyword like ${`%${row.keyword.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}
          and opportunity >= ${minOpportunity}
        order by opportunity desc, id limit 5`,
  );
  let emitted = 0;
  for (const related of found) {
    const facts: AlertFacts = {
      rule: 'new_related',
      ...keywordOf(row),
      related: related.keyword,
      opportunity: related.opportunity,
      searchVolume: related.search_volume,
      threshold: minOpportunity,
    };
    const id = await emitEvent(deps, {
      userId: row.user_id,
      type: 'keyword.alert',
      ...describeAlert(facts, 'en'),
      data: { trackedKeywordId: row.id, ...facts },
      dedupeKey: `new_related:${row.keyword_id}:${related.id}`,
    });
    if (id) emitted++;
  }
  return emitted;
}
