-- Care Desktop on PostgreSQL: search through indexes, as SQLite's FTS5 tables search
-- (issue 17). Until now names, request titles and articles were read row by row.

-- Text as FTS5's unicode61 tokenizer (remove_diacritics 2) compares it: lower case, and
-- letters decomposed with their combining marks dropped ("Åberg" is "aberg", while "ø",
-- a letter of its own, stays). Immutable, so indexes can hold it.
CREATE FUNCTION care_fold(text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT regexp_replace(normalize(lower($1), NFD), '[\u0300-\u036f]', '', 'g') $$;

-- Names and request titles are searched by word starts (regular expressions over the
-- folded text): trigram indexes answer those. pg_trgm is a trusted extension, so the
-- database's owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX customers_by_name_words ON customers USING gin (care_fold(name) gin_trgm_ops);
CREATE INDEX requests_by_title_words ON requests USING gin (care_fold(title) gin_trgm_ops);

-- Email prefixes ignoring case, as a byte range (text_pattern_ops orders bytes).
CREATE INDEX customers_by_email_prefix ON customers(lower(email) text_pattern_ops)
  WHERE email <> '';

-- Knowledge articles (R-F5): one tsvector of the folded title (weight A) and body (D),
-- split into words by the 'simple' configuration (no stemming and no stop words, as
-- FTS5 keeps every word).
ALTER TABLE kb_articles ADD COLUMN search tsvector GENERATED ALWAYS AS (
  setweight(to_tsvector('simple'::regconfig, care_fold(title)), 'A') ||
  setweight(to_tsvector('simple'::regconfig, care_fold(body)), 'D')) STORED;
CREATE INDEX kb_articles_search ON kb_articles USING gin (search);
