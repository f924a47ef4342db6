-- The words index of migration 0008, one per platform. Every search and related-keywords query
-- names its platform, and a word's posting list then holds that platform's keywords only: at 10
-- million keywords, intersecting the lists of a four-word query took 47 ms over the whole table
-- and 24 ms over one platform. A new platform needs its own index here (without one, its word
-- searches scan the platform's rows). The expression must match core/src/keywords.
CREATE INDEX IF NOT EXISTS "keyword_data_words_amazon_idx" ON "keyword_data" USING gin (string_to_array("keyword", ' ')) WHERE "platform" = 'amazon';--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "keyword_data_words_etsy_idx" ON "keyword_data" USING gin (string_to_array("keyword", ' ')) WHERE "platform" = 'etsy';--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "keyword_data_words_ebay_idx" ON "keyword_data" USING gin (string_to_array("keyword", ' ')) WHERE "platform" = 'ebay';--> statement-breakpoint
DROP INDEX IF EXISTS "keyword_data_words_idx";
