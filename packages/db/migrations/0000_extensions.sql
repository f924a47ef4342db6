-- pg_trgm powers fuzzy keyword search (similarity, word_similarity and GIN trigram indexes).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
