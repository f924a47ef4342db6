-- The volume sort index of migration 0007, with the columns that the walks in its order filter on
-- or return: related keywords read the 500 most searched keywords sharing a word with the seed,
-- the search's words and prefix tiers walk it for common words, filtering on the keyword. With
-- the keyword (and the volume, difficulty and opportunity related keywords return) in the index,
-- those walks read the index alone (pages the visibility map marks all-visible) instead of one heap
-- page per keyword looked at: related keywords at 10 million keywords read 31 buffers instead of
-- 2,175, 2.2 ms instead of 4.4 under bench:api's load (BENCHMARKS.md, session 18). The index grows
-- from 414 to about 950 MB there; the columns added are already in other indexes, so no update that
-- was HOT stops being one. The new index is built before the old one goes, as in migration 0014.
CREATE INDEX IF NOT EXISTS "keyword_data_sort_volume_covering_idx" ON "keyword_data" ("platform", "marketplace", (coalesce("search_volume", -1)::float8) DESC, "id") INCLUDE ("keyword", "search_volume", "difficulty", "opportunity");--> statement-breakpoint
DROP INDEX IF EXISTS "keyword_data_sort_volume_idx";
