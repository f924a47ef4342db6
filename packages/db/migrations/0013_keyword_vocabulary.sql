-- Every word seen in a platform's keywords, with a trigram index: a search that matches nothing
-- corrects its unknown words against it (the typo tier took 1.8 s at 10 million keywords as a
-- trigram similarity over every keyword). It only grows: a trigger adds the words of inserted and
-- renamed keywords. The expression must match core/src/keywords (string_to_array(keyword, ' ')).
CREATE TABLE "keyword_vocabulary" (
	"platform" text NOT NULL,
	"word" text NOT NULL,
	CONSTRAINT "keyword_vocabulary_platform_word_pk" PRIMARY KEY("platform","word")
);
--> statement-breakpoint
INSERT INTO "keyword_vocabulary" ("platform", "word")
SELECT DISTINCT k."platform", w."word" FROM "keyword_data" k, unnest(string_to_array(k."keyword", ' ')) AS w("word");
--> statement-breakpoint
CREATE INDEX "keyword_vocabulary_word_trgm_idx" ON "keyword_vocabulary" USING gin ("word" gin_trgm_ops);
--> statement-breakpoint
-- Once per statement, the statement's new words sorted: concurrent batches do not deadlock on them,
-- and a known word costs one index probe per batch, not one per keyword.
CREATE FUNCTION "keyword_vocabulary_add"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO keyword_vocabulary (platform, word)
  SELECT DISTINCT n.platform, w.word FROM new_rows n, unnest(string_to_array(n.keyword, ' ')) AS w(word)
  ORDER BY 1, 2
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "keyword_vocabulary_insert" AFTER INSERT ON "keyword_data"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "keyword_vocabulary_add"();
--> statement-breakpoint
CREATE TRIGGER "keyword_vocabulary_update" AFTER UPDATE ON "keyword_data"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "keyword_vocabulary_add"();
