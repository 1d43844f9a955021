-- Care Desktop on PostgreSQL: SQLite's 0011 rebuilt its FTS5 name index with short
-- prefixes. Name search here has no index of its own yet (see 0002), so there is
-- nothing to rebuild; the number is kept so both stores count the same versions.
SELECT 1;
