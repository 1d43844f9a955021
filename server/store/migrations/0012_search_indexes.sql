-- Care Desktop: PostgreSQL's 0012 gave its store the search indexes SQLite's FTS5
-- tables have had since 0001 and 0002, so there is nothing to add here; the number
-- is kept so both stores count the same versions.
SELECT 1;
