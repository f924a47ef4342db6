-- "Contains all these words" in volume order. The GIN words indexes of migration 0012 find every
-- keyword holding a query's words but cannot give them most searched first: at 10 million
-- keywords a search whose words are common read and sorted tens of thousands of matches to show
-- 50 (36 ms on average, 80 ms for the worst). keyword_words holds one row per word of each
-- keyword, indexed by (platform, word, volume desc, keyword id) with a 64-bit signature of the
-- keyword's words included (one bit per word, from its md5): the search walks its rarest word's
-- keywords in volume order, drops in the index those whose signature lacks a bit of the query's
-- other words, checks the rest against keyword_data, and stops when the page is full.
-- keyword_vocabulary holds every word seen on a platform, with a trigram index: a search that
-- matches nothing corrects its unknown words against it (1.8 s through the trigram index of all
-- keywords before). Triggers on keyword_data keep both: exact for keyword_words, growing only for
-- keyword_vocabulary. The expression must match core/src/keywords
-- (string_to_array(keyword, ' ')).
CREATE TABLE "keyword_vocabulary" (
	"platform" text NOT NULL,
	"word" text NOT NULL,
	CONSTRAINT "keyword_vocabulary_platform_word_pk" PRIMARY KEY("platform","word")
);
--> statement-breakpoint
CREATE TABLE "keyword_words" (
	"platform" text NOT NULL,
	"word" text NOT NULL,
	"volume" integer NOT NULL,
	"keyword_id" bigint NOT NULL,
	"signature" bigint NOT NULL
);
--> statement-breakpoint
-- The search picks its rarest word from these statistics: the most common words and their share.
ALTER TABLE "keyword_words" ALTER COLUMN "word" SET STATISTICS 1000;
--> statement-breakpoint
-- The bits of a set of words; core/src/keywords asks for a query's words with the same function.
CREATE FUNCTION "keyword_words_signature"(words text[]) RETURNS bigint
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT coalesce(bit_or(1::bigint << (('x' || substr(md5(w), 1, 2))::bit(8)::int & 63)), 0)
  FROM unnest(words) AS w
$$;
--> statement-breakpoint
INSERT INTO "keyword_words" ("platform", "word", "volume", "keyword_id", "signature")
SELECT k."platform", w."word", coalesce(k."search_volume", -1), k."id", s."signature"
FROM "keyword_data" k,
  -- Once per keyword, not per word (OFFSET 0 keeps the planner from inlining it).
  LATERAL (SELECT keyword_words_signature(string_to_array(k."keyword", ' ')) AS "signature" OFFSET 0) s,
  LATERAL (SELECT DISTINCT unnest(string_to_array(k."keyword", ' ')) AS "word") w;
--> statement-breakpoint
INSERT INTO "keyword_vocabulary" ("platform", "word")
SELECT DISTINCT "platform", "word" FROM "keyword_words";
--> statement-breakpoint
CREATE INDEX "keyword_vocabulary_word_trgm_idx" ON "keyword_vocabulary" USING gin ("word" gin_trgm_ops);
--> statement-breakpoint
CREATE UNIQUE INDEX "keyword_words_volume_idx" ON "keyword_words" ("platform", "word", "volume" DESC, "keyword_id") INCLUDE ("signature");
--> statement-breakpoint
CREATE FUNCTION "keyword_words_sync"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  signature bigint;
BEGIN
  IF TG_OP <> 'INSERT' THEN
    DELETE FROM keyword_words
    WHERE platform = OLD.platform AND word = ANY (string_to_array(OLD.keyword, ' '))
      AND volume = coalesce(OLD.search_volume, -1) AND keyword_id = OLD.id;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    signature := keyword_words_signature(string_to_array(NEW.keyword, ' '));
    INSERT INTO keyword_words (platform, word, volume, keyword_id, signature)
    SELECT DISTINCT NEW.platform, w, coalesce(NEW.search_volume, -1), NEW.id, signature
    FROM unnest(string_to_array(NEW.keyword, ' ')) AS w;
    INSERT INTO keyword_vocabulary (platform, word)
    SELECT DISTINCT NEW.platform, w FROM unnest(string_to_array(NEW.keyword, ' ')) AS w
    ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE FUNCTION "keyword_words_clear"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE keyword_words;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "keyword_words_insert" AFTER INSERT ON "keyword_data"
  FOR EACH ROW EXECUTE FUNCTION "keyword_words_sync"();
--> statement-breakpoint
CREATE TRIGGER "keyword_words_update" AFTER UPDATE OF "keyword", "platform", "search_volume" ON "keyword_data"
  FOR EACH ROW WHEN (OLD."keyword" IS DISTINCT FROM NEW."keyword" OR OLD."platform" IS DISTINCT FROM NEW."platform"
    OR OLD."search_volume" IS DISTINCT FROM NEW."search_volume")
  EXECUTE FUNCTION "keyword_words_sync"();
--> statement-breakpoint
CREATE TRIGGER "keyword_words_delete" AFTER DELETE ON "keyword_data"
  FOR EACH ROW EXECUTE FUNCTION "keyword_words_sync"();
--> statement-breakpoint
CREATE TRIGGER "keyword_words_truncate" AFTER TRUNCATE ON "keyword_data"
  FOR EACH STATEMENT EXECUTE FUNCTION "keyword_words_clear"();
