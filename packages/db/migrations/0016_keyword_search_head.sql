-- The first page of a search without filters, its two first tiers in one call: the keyword itself
-- (relevance 3000), then the keywords starting with it (2000), most searched first (the tiers of
-- core/src/keywords/search-tiers.ts, `searchHead`). Planning the prefix tier cost more than running
-- it (0.44 ms against 0.2 ms at 10 million keywords; planning was a tenth of the machine's CPU
-- under bench:api's uncached search, most of it this tier's),
-- so its plans are made once per connection and kept: generic plans, forced by the function's own
-- setting, since the planner's own choice (auto) kept planning each call, and its plans for some
-- values walked a whole prefix range. The statement is written so that its generic plan is the
-- right one whatever the values: the keywords starting with the query are a range of the prefix
-- index (migration 0014) between `q` and `q_end`, the least string after every string starting
-- with `q` (code point order, which is the index's byte order); up to `bound` of them are sorted by
-- volume; beyond, the volume index (migration 0007; 0017 makes it covering, so that the walk, which
-- selects ids alone, reads the index only) is walked, its filter `starts_with`, which no index
-- answers, so the plan cannot turn into a scan of the whole range.
CREATE FUNCTION "keyword_search_head"(
  "p_platform" text, "p_marketplace" text, "q" text, "q_end" text, "bound" integer, "page" integer
) RETURNS TABLE (
  "id" text, "keyword" text, "platform" text, "marketplace" text, "search_volume" integer,
  "volume_low" integer, "volume_high" integer, "competition" real, "cpc" numeric,
  "difficulty" smallint, "opportunity" smallint, "listing_count" integer, "source" text,
  "last_updated" timestamptz, "relevance" integer
)
LANGUAGE plpgsql STABLE
SET plan_cache_mode = force_generic_plan
-- As on the API's connections (db/src/create-db.ts, INTERACTIVE_SETTINGS), whoever calls it: a
-- parallel walk spends milliseconds starting workers it seldom needs.
SET max_parallel_workers_per_gather = 0
AS $$
BEGIN
  RETURN QUERY
    SELECT k.id::text, k.keyword, k.platform, k.marketplace, k.search_volume, k.volume_low,
      k.volume_high, k.competition, k.cpc, k.difficulty, k.opportunity, k.listing_count, k.source,
      k.last_updated, 3000
    FROM keyword_data k
    WHERE k.platform = p_platform AND k.marketplace = p_marketplace AND k.keyword = q;
  RETURN QUERY
    WITH few AS MATERIALIZED (
      SELECT k.id, k.search_volume FROM keyword_data k
      WHERE k.platform = p_platform AND k.marketplace = p_marketplace
        AND k.keyword ~>=~ q AND k.keyword ~<~ q_end AND k.keyword <> q
      ORDER BY k.keyword USING ~<~ LIMIT bound + 1)
    SELECT m.id::text, m.keyword, m.platform, m.marketplace, m.search_volume, m.volume_low,
      m.volume_high, m.competition, m.cpc, m.difficulty, m.opportunity, m.listing_count, m.source,
      m.last_updated, 2000
    FROM (
      (SELECT k.*, coalesce(k.search_volume, -1)::float8 AS volume FROM keyword_data k
        WHERE k.id IN (SELECT f.id FROM few f WHERE (SELECT count(*) FROM few) <= bound
          ORDER BY coalesce(f.search_volume, -1)::float8 DESC, f.id LIMIT page))
      UNION ALL
      (SELECT k.*, coalesce(k.search_volume, -1)::float8 AS volume FROM keyword_data k
        WHERE k.id IN (SELECT w.id FROM keyword_data w
          WHERE (SELECT count(*) FROM few) > bound
            AND w.platform = p_platform AND w.marketplace = p_marketplace
            AND starts_with(w.keyword, q) AND w.keyword <> q
          ORDER BY coalesce(w.search_volume, -1)::float8 DESC, w.id LIMIT page))) m
    ORDER BY m.volume DESC, m.id
    LIMIT page;
END
$$;
