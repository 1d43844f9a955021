-- Care Desktop: PostgreSQL's 0021 lengthened its name and title search keys to a word's
-- first 20 letters, so a whole word typed is one key. SQLite's FTS5 tables keep each
-- whole word already (and its first 1–3 letters since 0011): nothing to add here; the
-- number is kept so both stores count the same versions.
SELECT 1;
