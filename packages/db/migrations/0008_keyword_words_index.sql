-- The words of each keyword, for "contains all these words" (search) and "shares a word"
-- (related keywords): a word's posting list is far shorter than its trigrams' lists at millions of
-- keywords. The expression must match core/src/keywords (string_to_array(keyword, ' ')).
CREATE INDEX "keyword_data_words_idx" ON "keyword_data" USING gin (string_to_array("keyword", ' '));
