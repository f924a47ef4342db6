-- The GIN indexes that searches read at request time keep pending lists of 256 kB at most,
-- instead of the server's default 4 MB. With fastupdate on, every row the collection inserts and
-- every volume the estimates job writes (keyword_pair_keys holds the volume band) adds entries to
-- a pending list that each search scans whole until a writer or autovacuum merges it: under
-- reliability:load's mix (collection running), the pairs index held ~360 pending pages and a first
-- page of the words tier (keyword_words_page) took ~32 ms instead of ~3 ms once the list was merged;
-- the mix's ceiling was 51-54 requests/s. With lists of 256 kB (32 pages), 220 requests/s.
-- Without lists at all (fastupdate off), 223 requests/s, but writes lost the lists' batching:
-- bench:import's 50 MB report of new keywords took 223 s against 129 s; with 256 kB, 135 s
-- (BENCHMARKS.md, session 22).
ALTER INDEX "keyword_data_pair_keys_idx" SET (gin_pending_list_limit = 256);--> statement-breakpoint
ALTER INDEX "keyword_data_words_amazon_idx" SET (gin_pending_list_limit = 256);--> statement-breakpoint
ALTER INDEX "keyword_data_words_etsy_idx" SET (gin_pending_list_limit = 256);--> statement-breakpoint
ALTER INDEX "keyword_data_words_ebay_idx" SET (gin_pending_list_limit = 256);--> statement-breakpoint
ALTER INDEX "keyword_data_keyword_trgm_idx" SET (gin_pending_list_limit = 256);--> statement-breakpoint
-- What a pending list already holds is merged now (on a database that has been written to).
SELECT gin_clean_pending_list(i.indexrelid)
FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam
WHERE i.indrelid = 'keyword_data'::regclass AND a.amname = 'gin';
