import type { Platform } from '@digitallz/contracts';
import { type Db, queryRows, sql } from '@digitallz/db';
import { weekStart } from '../collection/record-search-stats';
import type { VolumeModel } from '../intelligence/volume/volume-model';
import defaultModel from '../intelligence/volume/volume-model.json' with { type: 'json' };
import { priceOf, strengthOf } from '../keywords/load-keyword';
import { estimateKeyword, type KeywordFacts } from './estimate-keyword';

/** Weeks in an average month (30.44 days): a monthly volume over this is the week's searches. */
export const WEEKS_PER_MONTH = 30.44 / 7;

/** The week's searches of a monthly volume: the unit of the weekly series (keyword_observations). */
const weeklyOf = (monthly: number | null) =>
  monthly === null ? null : Math.round(monthly / WEEKS_PER_MONTH);

export type ComputeEstimatesInput = { platform: Platform; marketplace: string; limit: number };

type Row = {
  id: string;
  keyword: string;
  last_updated: string;
  listing_count: number | null;
  listings_shown: number | null;
  favourites_median: number | null;
  reviews_median: number | null;
  sales_rank_median: number | null;
  top_seller_share: number | null;
  price_min: string | null;
  price_median: string | null;
  price_max: string | null;
  cpc: string | null;
  cpc_source: string | null;
  best: number | null;
  shortest: number | null;
  prefixes: number | null;
  history: { periodStart: string; value: number }[] | null;
};

/**
 * The compute job: estimates every collected keyword of a platform whose data changed since its
 * last estimate (its last_updated moved) (most recently collected first, `limit` at a time), writes them with their
 * explanations, and records this week's volume estimate in the keyword's weekly series.
 * Idempotent: computing twice in a week writes the same rows.
 */
export async function computeKeywordEstimates(
  deps: { db: Db; clock: () => Date; model?: VolumeModel },
  input: ComputeEstimatesInput,
): Promise<{ computed: number; keywords: string[] }> {
  const model = deps.model ?? (defaultModel as VolumeModel);
  const now = deps.clock();
  const rows = await queryRows<Row>(
    deps.db,
    sql`
      with pending as (
        select * from keyword_data
        where platform = ${input.platform} and marketplace = ${input.marketplace} and source <> 'demo'
          and (estimates is null or (estimates->>'basedOn')::timestamptz is distinct from last_updated)
        order by last_updated desc, id
        limit ${input.limit})
      select p.id::text as id, p.keyword, to_json(p.last_updated)#>>'{}' as last_updated, p.listing_count, p.listings_shown, p.favourites_median, p.reviews_median,
             p.sales_rank_median, p.top_seller_share, p.price_min::text, p.price_median::text, p.price_max::text,
             p.cpc::text, p.estimates->'cpc'->>'source' as cpc_source,
             s.best, s.shortest, s.prefixes,
             (select json_agg(json_build_object('periodStart', o.period_start::text, 'value', o.search_volume) order by o.period_start)
                from keyword_observations o where o.keyword_id = p.id and o.search_volume is not null) as history
      from pending p
      left join lateral (
        select min(position)::int as best, min(length(prefix))::int as shortest, count(distinct prefix)::int as prefixes
        from suggestion_observations so
        where so.platform = p.platform and so.marketplace = p.marketplace and so.keyword = p.keyword) s on true`,
  );
  if (rows.length === 0) return { computed: 0, keywords: [] };
  const week = weekStart(now);
  const results = rows.map((row) => {
    const facts = factsOf(row, input.platform, week);
    const e = estimateKeyword(model, facts);
    return {
      id: row.id,
      search_volume: e.volume.volume,
      volume_low: e.volume.low,
      volume_high: e.volume.high,
      competition: e.competition.score,
      cpc: e.cpc.cpc,
      difficulty: e.scores.difficulty,
      opportunity: e.scores.opportunity,
      trend_data: e.trend,
      estimates: {
        computedAt: now.toISOString(),
        /** The data's timestamp these estimates rest on: newer data makes them pending again. */
        basedOn: row.last_updated,
        model: model.version,
        volume: e.volume,
        competition: e.competition,
        cpc: e.cpc,
        reason: e.scores.reason,
      },
    };
  });
  await deps.db.transaction(async (tx) => {
    await tx.execute(sql`
      update keyword_data k set search_volume = r.search_volume, volume_low = r.volume_low, volume_high = r.volume_high,
        competition = r.competition, cpc = r.cpc, difficulty = r.difficulty, opportunity = r.opportunity,
        trend_data = r.trend_data, estimates = r.estimates
      from jsonb_to_recordset(${JSON.stringify(results)}::jsonb) as r(
        id bigint, search_volume int, volume_low int, volume_high int, competition real, cpc numeric,
        difficulty smallint, opportunity smallint, trend_data jsonb, estimates jsonb)
      where k.id = r.id`);
    await tx.execute(sql`
      insert into keyword_observations (keyword_id, period_start, search_volume, source, observed_at)
      select r.id, ${week}::date, r.search_volume, 'estimate', ${now.toISOString()}::timestamptz
      from jsonb_to_recordset(${JSON.stringify(results.map((r) => ({ id: r.id, search_volume: weeklyOf(r.search_volume) })))}::jsonb)
        as r(id bigint, search_volume int)
      order by r.id
      on conflict (keyword_id, period_start) do update set search_volume = excluded.search_volume`);
  });
  return { computed: results.length, keywords: rows.map((row) => row.keyword) };
}

function factsOf(row: Row, platform: Platform, week: string): KeywordFacts {
  const num = (text: string | null) => (text === null ? null : Number(text));
  const price = priceOf(row);
  return {
    keyword: row.keyword,
    platform,
    autocomplete:
      row.best === null || row.shortest === null || row.prefixes === null
        ? null
        : { bestPosition: row.best, shortestPrefix: row.shortest, prefixCount: row.prefixes },
    listingCount: row.listing_count,
    listingsShown: row.listings_shown,
    strength: strengthOf(row),
    price,
    // A cpc the model wrote is not a bid; one the ads API wrote is.
    bid: row.cpc !== null && row.cpc_source !== 'model' ? num(row.cpc) : null,
    history: (row.history ?? []).filter((p) => p.periodStart !== week),
  };
}
