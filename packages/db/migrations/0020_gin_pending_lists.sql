-- The GIN indexes that searches read at request time write their entries straight into the index
-- (fastupdate off) instead of a pending list. With fastupdate on (the default), every row the
-- collection inserts and every volume the estimates job writes (keyword_pair_keys holds the
-- volume band) adds entries to a pending list of up to 4 MB that each search scans whole:
-- under reliability:load's mix (collection running), the pairs index held ~360 pending pages and
-- a first page of the words tier (keyword_words_page) took ~32 ms instead of ~3 ms once the list
-- was merged; the mix's ceiling was 51-54 requests/s. Without the lists it measured 223 requests/s
-- (BENCHMARKS.md, session 22). Writes pay instead: an update of 2,000 keywords' volumes at 10
-- million keywords took 1.7-2.0 s against 0.7-1.2 s with the list (before its merge, which the
-- list defers to a later writer or to autovacuum).
ALTER INDEX "keyword_data_pair_keys_idx" SET (fastupdate = off);--> statement-breakpoint
ALTER INDEX "keyword_data_words_amazon_idx" SET (fastupdate = off);--> statement-breakpoint
ALTER INDEX "keyword_data_words_etsy_idx" SET (fastupdate = off);--> statement-breakpoint
ALTER INDEX "keyword_data_words_ebay_idx" SET (fastupdate = off);--> statement-breakpoint
ALTER INDEX "keyword_data_keyword_trgm_idx" SET (fastupdate = off);--> statement-breakpoint
-- What a pending list already holds is merged now (on a database that has been written to).
SELECT gin_clean_pending_list(i.indexrelid)
FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam
WHERE i.indrelid = 'keyword_data'::regclass AND a.amname = 'gin';
