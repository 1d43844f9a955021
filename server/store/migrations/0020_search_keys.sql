-- Care Desktop: PostgreSQL's 0020 gave its name and title search the word-start keys
-- SQLite's FTS5 tables have had since 0001 and 0011 (prefix='1 2 3'), so there is
-- nothing to add here; the number is kept so both stores count the same versions.
SELECT 1;
