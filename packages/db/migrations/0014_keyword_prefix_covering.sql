-- A search's prefix tier reads up to 2,001 keywords starting with the query to tell a prefix of a
-- few keywords (sorted by volume here) from a common one (the sort index of migration 0007). With
-- the marketplace, volume and id in this index the probe reads the index alone (pages the
-- visibility map marks all-visible) and only the page's rows are fetched: a head query read 850
-- heap pages, 18 ms, for 20 rows (core/src/keywords/search-tiers.ts). The new index is built
-- before the old one goes, so that prefix searches always have one.
CREATE INDEX "keyword_data_prefix_idx" ON "keyword_data" USING btree ("platform", "marketplace", "keyword" text_pattern_ops) INCLUDE ("search_volume", "id");--> statement-breakpoint
DROP INDEX IF EXISTS "keyword_data_platform_prefix_idx";
