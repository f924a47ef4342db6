-- Posting lists of the pairs of words (keyword_pairs, migration 0015), one row per keyword and pair,
-- each pair's keywords in volume order in one index that holds the keyword. A search's words tier
-- (core/src/keywords/search-words.ts, `findByWords`) read the pairs GIN index for up to 10,001
-- matches, then one heap page per match to sort them by volume: over half of an uncached search's
-- time under bench:api at 10 million keywords (BENCHMARKS.md, session 18). From this index it reads
-- the most searched keywords holding the query's rarest pair and stops at the page's last, from the
-- index alone. It replaces the GIN pairs indexes. `id` and `search_volume` are the keyword's, named
-- as in keyword_data so that the same conditions (the volume order, a cursor's position) apply to
-- both. Triggers on keyword_data keep it: a new keyword adds its pairs, a keyword whose text,
-- market or volume changes moves them, a deleted one removes them, TRUNCATE empties the table.
CREATE TABLE "keyword_pair_postings" (
	"platform" text NOT NULL,
	"marketplace" text NOT NULL,
	"pair" text NOT NULL,
	"search_volume" integer,
	"id" bigint NOT NULL,
	"keyword" text NOT NULL
);
--> statement-breakpoint
INSERT INTO "keyword_pair_postings" ("platform", "marketplace", "pair", "search_volume", "id", "keyword")
SELECT k."platform", k."marketplace", p."pair", k."search_volume", k."id", k."keyword"
FROM "keyword_data" k, unnest(keyword_pairs(k."keyword")) AS p("pair");
--> statement-breakpoint
-- The volume is in INCLUDE too: an index-only scan needs the columns of the order's expression.
CREATE UNIQUE INDEX "keyword_pair_postings_idx" ON "keyword_pair_postings" ("platform", "marketplace", "pair", (coalesce("search_volume", -1)::float8) DESC, "id") INCLUDE ("keyword", "search_volume");
--> statement-breakpoint
-- Once per statement, as keyword_vocabulary_add (migration 0013); keyword_pairs costs 25-60 µs a
-- keyword, so only the keywords whose pairs or their order changed are touched.
CREATE FUNCTION "keyword_pair_postings_sync"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Each statement names only the transition tables its operation has (each is planned when run).
  IF TG_OP = 'INSERT' THEN
    INSERT INTO keyword_pair_postings (platform, marketplace, pair, search_volume, id, keyword)
    SELECT n.platform, n.marketplace, p.pair, n.search_volume, n.id, n.keyword
    FROM new_rows n, unnest(keyword_pairs(n.keyword)) AS p(pair);
  ELSIF TG_OP = 'DELETE' THEN
    DELETE FROM keyword_pair_postings x
    USING old_rows o, unnest(keyword_pairs(o.keyword)) AS p(pair)
    WHERE x.platform = o.platform AND x.marketplace = o.marketplace AND x.pair = p.pair
      AND coalesce(x.search_volume, -1)::float8 = coalesce(o.search_volume, -1)::float8
      AND x.id = o.id;
  ELSIF TG_OP = 'UPDATE' THEN
    DELETE FROM keyword_pair_postings x
    USING old_rows o JOIN new_rows n ON n.id = o.id, unnest(keyword_pairs(o.keyword)) AS p(pair)
    WHERE (n.keyword, n.platform, n.marketplace, n.search_volume)
        IS DISTINCT FROM (o.keyword, o.platform, o.marketplace, o.search_volume)
      AND x.platform = o.platform AND x.marketplace = o.marketplace AND x.pair = p.pair
      AND coalesce(x.search_volume, -1)::float8 = coalesce(o.search_volume, -1)::float8
      AND x.id = o.id;
    INSERT INTO keyword_pair_postings (platform, marketplace, pair, search_volume, id, keyword)
    SELECT n.platform, n.marketplace, p.pair, n.search_volume, n.id, n.keyword
    FROM new_rows n JOIN old_rows o ON o.id = n.id, unnest(keyword_pairs(n.keyword)) AS p(pair)
    WHERE (n.keyword, n.platform, n.marketplace, n.search_volume)
      IS DISTINCT FROM (o.keyword, o.platform, o.marketplace, o.search_volume);
  ELSE -- TRUNCATE
    TRUNCATE keyword_pair_postings;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "keyword_pair_postings_insert" AFTER INSERT ON "keyword_data"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "keyword_pair_postings_sync"();
--> statement-breakpoint
CREATE TRIGGER "keyword_pair_postings_update" AFTER UPDATE ON "keyword_data"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "keyword_pair_postings_sync"();
--> statement-breakpoint
CREATE TRIGGER "keyword_pair_postings_delete" AFTER DELETE ON "keyword_data"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "keyword_pair_postings_sync"();
--> statement-breakpoint
CREATE TRIGGER "keyword_pair_postings_truncate" AFTER TRUNCATE ON "keyword_data"
  FOR EACH STATEMENT EXECUTE FUNCTION "keyword_pair_postings_sync"();
--> statement-breakpoint
DROP INDEX IF EXISTS "keyword_data_pairs_amazon_idx";--> statement-breakpoint
DROP INDEX IF EXISTS "keyword_data_pairs_etsy_idx";--> statement-breakpoint
DROP INDEX IF EXISTS "keyword_data_pairs_ebay_idx";
