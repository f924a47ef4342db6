-- Each keyword of a list carries its yearly change (the trend's `yearlyChangePct`, null when the
-- history cannot tell growth from the season yet or holds no trend): the search results, lists,
-- popular keywords, batches and exports show it in a column. One definition, read by the queries
-- of core (`SUMMARY_COLUMNS`, the list filters) and by the two search functions below, which now
-- return it: their bodies are those of migrations 0016 and 0018, with the one column added. An SQL
-- function, inlined by the planner: the expression costs what it would written out. Trends stored
-- before `yearlyChangeKnown` existed count as known, as get-global-trends reads them.
CREATE FUNCTION "keyword_yearly_change"("trend" jsonb) RETURNS float8
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
  SELECT CASE WHEN coalesce(("trend"->>'yearlyChangeKnown')::boolean, true)
    THEN ("trend"->>'yearlyChangePct')::float8 END
$$;
--> statement-breakpoint
DROP FUNCTION "keyword_search_head"(text, text, text, text, integer, integer);
--> statement-breakpoint
CREATE FUNCTION "keyword_search_head"(
  "p_platform" text, "p_marketplace" text, "q" text, "q_end" text, "bound" integer, "page" integer
) RETURNS TABLE (
  "id" text, "keyword" text, "platform" text, "marketplace" text, "search_volume" integer,
  "volume_low" integer, "volume_high" integer, "competition" real, "cpc" numeric,
  "difficulty" smallint, "opportunity" smallint, "listing_count" integer, "source" text,
  "last_updated" timestamptz, "relevance" integer, "yearly_change_pct" float8
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
      k.last_updated, 3000, keyword_yearly_change(k.trend_data)
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
      m.last_updated, 2000, keyword_yearly_change(m.trend_data)
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
--> statement-breakpoint
DROP FUNCTION "keyword_words_page"(text, text, text[], text, float8, bigint, integer, integer);
--> statement-breakpoint
CREATE FUNCTION "keyword_words_page"(
  "p_platform" text, "p_marketplace" text, "p_pairs" text[], "p_not_prefix" text,
  "p_after_volume" float8, "p_after_id" bigint, "p_relevance" integer, "p_page" integer
) RETURNS TABLE (
  "id" text, "keyword" text, "platform" text, "marketplace" text, "search_volume" integer,
  "volume_low" integer, "volume_high" integer, "competition" real, "cpc" numeric,
  "difficulty" smallint, "opportunity" smallint, "listing_count" integer, "source" text,
  "last_updated" timestamptz, "relevance" integer, "yearly_change_pct" float8
)
LANGUAGE plpgsql STABLE
SET plan_cache_mode = force_generic_plan
SET max_parallel_workers_per_gather = 0
-- The keys function's COST makes every plan here look costly: JIT would compile each (seconds).
SET jit = off
AS $$
DECLARE
  band integer;
  n integer := 0;
  got integer;
BEGIN
  IF p_after_id IS NULL THEN
    SELECT keyword_volume_band(max(k.search_volume)) INTO band FROM (
      SELECT k.search_volume FROM keyword_data k
      WHERE k.platform = p_platform AND k.marketplace = p_marketplace
      ORDER BY coalesce(k.search_volume, -1)::float8 DESC LIMIT 1) k;
  ELSE
    band := keyword_volume_band(greatest(p_after_volume, 0)::integer);
  END IF;
  WHILE band >= 0 AND n < p_page LOOP
    RETURN QUERY
      WITH m AS MATERIALIZED (
        SELECT k.id, k.keyword, k.search_volume FROM keyword_data k
        WHERE keyword_pair_keys(k.platform, k.marketplace, k.keyword, k.search_volume)
          @> array(SELECT u.pair || ' ' || band FROM unnest(p_pairs) AS u(pair)))
      SELECT k.id::text, k.keyword, k.platform, k.marketplace, k.search_volume, k.volume_low,
        k.volume_high, k.competition, k.cpc, k.difficulty, k.opportunity, k.listing_count, k.source,
        k.last_updated, p_relevance, keyword_yearly_change(k.trend_data)
      FROM keyword_data k
      WHERE k.id IN (SELECT m.id FROM m
        WHERE (p_not_prefix IS NULL OR NOT starts_with(m.keyword, p_not_prefix))
          AND (p_after_id IS NULL OR coalesce(m.search_volume, -1)::float8 < p_after_volume
            OR (coalesce(m.search_volume, -1)::float8 = p_after_volume AND m.id > p_after_id))
        ORDER BY coalesce(m.search_volume, -1)::float8 DESC, m.id LIMIT p_page - n)
      ORDER BY coalesce(k.search_volume, -1)::float8 DESC, k.id;
    GET DIAGNOSTICS got = ROW_COUNT;
    n := n + got;
    band := band - 1;
  END LOOP;
END
$$;
