-- Pairs of words by volume band. A search's words tier (core/src/keywords/search-words.ts,
-- `findByWords`) read up to 10,001 keywords holding the query's pairs of words from the pairs GIN
-- indexes of migration 0015, then one heap page for each to sort them by volume: over half of an
-- uncached search's time under bench:api at 10 million keywords (BENCHMARKS.md, session 18). The
-- keys here say, besides each pair ("etsy US planner weekly"), the pair within the keyword's volume
-- band ("etsy US planner weekly 27"), half an octave of volume wide. A page without filters reads
-- band after band from the most searched down and stops at the band that fills it
-- (`keyword_words_page` below), visiting the heap pages of those bands' keywords alone. The
-- platform and marketplace are in the keys, so one index serves every platform (a generic plan
-- cannot pick a partial index by a parameter), and it replaces the three per-platform pairs
-- indexes.
--
-- Volume bands: half an octave each, the highest first; null and 0 are band 0. A float
-- expression, the same on every server; it never decreases as the volume grows, which is all a
-- band order needs.
CREATE FUNCTION "keyword_volume_band"("volume" integer) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT floor(2 * ln(greatest(coalesce(volume, 0), 0) + 1.0::float8) / ln(2.0::float8))::integer
$$;
--> statement-breakpoint
-- Each pair of `keyword_pairs` (migration 0015) twice: "platform marketplace pair" and the same
-- followed by the volume band. Like keyword_pairs, queries use it only as a condition the index
-- answers (GIN array `@>` needs no recheck), and its COST keeps planners from running it per row.
-- It spells out keyword_pairs and keyword_volume_band rather than calling them: PostgreSQL 17 and
-- later build and update indexes with a search_path of pg_catalog alone, where they are not found
-- (migrations.int.test.ts checks that the three agree).
CREATE FUNCTION "keyword_pair_keys"("platform" text, "marketplace" text, "keyword" text, "volume" integer)
RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE COST 10000 AS $$
  WITH w AS (SELECT DISTINCT x COLLATE "C" AS x FROM unnest(string_to_array(keyword, ' ')) AS x)
  SELECT array(
    SELECT platform || ' ' || marketplace || ' ' || a.x || ' ' || b.x || s.suffix
    FROM w a JOIN w b ON a.x < b.x,
      (VALUES (''), (' ' || floor(2 * ln(greatest(coalesce(volume, 0), 0) + 1.0::float8) / ln(2.0::float8))::integer)) AS s(suffix))
$$;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "keyword_data_pair_keys_idx" ON "keyword_data" USING gin ("keyword_pair_keys"("platform", "marketplace", "keyword", "search_volume"));
--> statement-breakpoint
DROP INDEX IF EXISTS "keyword_data_pairs_amazon_idx";--> statement-breakpoint
DROP INDEX IF EXISTS "keyword_data_pairs_etsy_idx";--> statement-breakpoint
DROP INDEX IF EXISTS "keyword_data_pairs_ebay_idx";
--> statement-breakpoint
-- A page of the keywords of a platform and marketplace holding every pair of `p_pairs` (their keys
-- without a band: "platform marketplace pair"), most searched first, after a position (volume and
-- id; null for the first page), minus those starting with `p_not_prefix` (null: none), at
-- `p_relevance`: band by band from the band of the position (or of the market's most searched
-- keyword) down, each band's keywords read and sorted, until the page is full. A pair's keys
-- without a band are not read: the GIN index intersects whole posting lists, 10 ms for two common
-- pairs at 10 million keywords, where the bands above the page's last hold a few dozen keywords.
-- A band that holds none costs one index probe (about 50 µs here), so a pair held by few keywords
-- costs a probe per band (36 for etsy's volumes). Plans are made once per connection, as in
-- migration 0016; each read of the index is a MATERIALIZED CTE whose only condition is the
-- index's, so that no plan walks another index running the keys' function as a filter.
CREATE FUNCTION "keyword_words_page"(
  "p_platform" text, "p_marketplace" text, "p_pairs" text[], "p_not_prefix" text,
  "p_after_volume" float8, "p_after_id" bigint, "p_relevance" integer, "p_page" integer
) RETURNS TABLE (
  "id" text, "keyword" text, "platform" text, "marketplace" text, "search_volume" integer,
  "volume_low" integer, "volume_high" integer, "competition" real, "cpc" numeric,
  "difficulty" smallint, "opportunity" smallint, "listing_count" integer, "source" text,
  "last_updated" timestamptz, "relevance" integer
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
        k.last_updated, p_relevance
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
