-- The sort orders of the keyword lists (core/src/keywords/page-keywords.ts), one index each, so a
-- page of the most searched / best opportunity / easiest / trending keywords of a platform and
-- marketplace reads the first rows of an index instead of sorting millions. Expressions must match
-- SORT_VALUE in page-keywords.ts exactly.
CREATE INDEX "keyword_data_sort_volume_idx" ON "keyword_data" ("platform", "marketplace", (coalesce("search_volume", -1)::float8) DESC, "id");--> statement-breakpoint
CREATE INDEX "keyword_data_sort_opportunity_idx" ON "keyword_data" ("platform", "marketplace", (coalesce("opportunity", -1)::float8) DESC, "id");--> statement-breakpoint
CREATE INDEX "keyword_data_sort_difficulty_idx" ON "keyword_data" ("platform", "marketplace", (-coalesce("difficulty", 101)::float8) DESC, "id");--> statement-breakpoint
CREATE INDEX "keyword_data_sort_trending_idx" ON "keyword_data" ("platform", "marketplace", (coalesce(("trend_data"->'trendingNow'->>'recentGrowthPct')::float8, -1e9)) DESC, "id") WHERE "trend_data"->'trendingNow'->>'trending' = 'true';
