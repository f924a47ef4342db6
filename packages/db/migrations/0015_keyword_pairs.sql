-- Pairs of words, indexed per platform beside the words indexes of migration 0012. Keywords
-- holding all of a query's words were found by intersecting each word's posting list; the words of
-- a popular query are each in hundreds of thousands of keywords that seldom meet (22 of 27 ms for
-- "christmas invitation 2028" at 10 million keywords). A pair's list holds only the keywords where
-- both words meet. A keyword's pairs are each two of its distinct words in byte order ("C"
-- collation) joined by a space (a word holds none); core/src/keywords/search-words.ts (`wordPairs`)
-- builds a query's the same way. The function costs 25-60 µs a row: queries use it only as a
-- condition the index answers, never as a filter (search-words.ts, `findByWords`), and its COST
-- keeps the planner from a scan that would run it on every row to find the first matches.
CREATE FUNCTION "keyword_pairs"("keyword" text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE COST 10000 AS $$
  WITH w AS (SELECT DISTINCT x COLLATE "C" AS x FROM unnest(string_to_array(keyword, ' ')) AS x)
  SELECT array(SELECT a.x || ' ' || b.x FROM w a JOIN w b ON a.x < b.x)
$$;
--> statement-breakpoint
CREATE INDEX "keyword_data_pairs_amazon_idx" ON "keyword_data" USING gin ("keyword_pairs"("keyword")) WHERE "platform" = 'amazon';--> statement-breakpoint
CREATE INDEX "keyword_data_pairs_etsy_idx" ON "keyword_data" USING gin ("keyword_pairs"("keyword")) WHERE "platform" = 'etsy';--> statement-breakpoint
CREATE INDEX "keyword_data_pairs_ebay_idx" ON "keyword_data" USING gin ("keyword_pairs"("keyword")) WHERE "platform" = 'ebay';
