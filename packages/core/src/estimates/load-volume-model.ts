import type { Platform } from '@digitallz/contracts';
import { type Db, queryRows, sql } from '@digitallz/db';
import { calibrateVolumeModel } from '../intelligence/volume/calibrate-volume-model';
import type { VolumeModel } from '../intelligence/volume/volume-model';
import defaultModel from '../intelligence/volume/volume-model.json' with { type: 'json' };

/** The most recent known volumes used; enough to fix a level, cheap to read before each sweep. */
const MAX_SAMPLES = 5_000;

type Row = {
  keyword: string;
  volume: number;
  listing_count: number | null;
  listings_shown: number | null;
  favourites_median: number | null;
  sales_rank_median: number | null;
  best: number | null;
  shortest: number | null;
  prefixes: number | null;
};

/**
 * The volume model for one platform and marketplace: the committed model (trained on the
 * sandbox's hidden truth), calibrated on the monthly volumes the user imported for it (the latest
 * completed import of each keyword: a running one's rows are not all written yet), judged
 * against what the pipeline observed of those keywords.
 */
export async function loadVolumeModel(
  db: Db,
  target: { platform: Platform; marketplace: string },
  base: VolumeModel = defaultModel as VolumeModel,
): Promise<VolumeModel> {
  const rows = await queryRows<Row>(
    db,
    sql`
      with known as (
        select distinct on (m.keyword) m.keyword, m.volume
        from imported_metrics m
        join keyword_imports i on i.id = m.import_id and i.status = 'completed'
        where m.platform = ${target.platform} and m.marketplace = ${target.marketplace} and m.volume > 0
        order by m.keyword, m.import_id desc
        limit ${MAX_SAMPLES})
      select k.keyword, n.volume, k.listing_count, k.listings_shown, k.favourites_median, k.sales_rank_median,
             s.best, s.shortest, s.prefixes
      from known n
      join keyword_data k on k.platform = ${target.platform} and k.marketplace = ${target.marketplace} and k.keyword = n.keyword
      left join lateral (
        select min(position)::int as best, min(length(prefix))::int as shortest, count(distinct prefix)::int as prefixes
        from suggestion_observations so
        where so.platform = k.platform and so.marketplace = k.marketplace and so.keyword = k.keyword) s on true`,
  );
  if (rows.length === 0) return base;
  const samples = rows.map((row) => ({
    volume: row.volume,
    evidence: {
      keyword: row.keyword,
      platform: target.platform,
      autocomplete:
        row.best === null || row.shortest === null || row.prefixes === null
          ? null
          : { bestPosition: row.best, shortestPrefix: row.shortest, prefixCount: row.prefixes },
      search:
        row.listing_count === null
          ? null
          : {
              listingCount: row.listing_count,
              listingsShown: row.listings_shown ?? 0,
              favouritesMedian: row.favourites_median,
              salesRankMedian: row.sales_rank_median,
            },
    },
  }));
  return calibrateVolumeModel(
    base,
    samples,
    `${rows.length} imported ${target.platform} ${target.marketplace} volumes`,
  ).model;
}
