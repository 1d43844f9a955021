-- Care Desktop: events across nodes (issue 17) need nothing on SQLite. A SQLite store
-- is one node, whose event hub keeps its events in memory (0001's `events` table stays
-- unused); PostgreSQL's 0018 turns its `events` into the log that nodes sharing a
-- database read. This file keeps the numbers of the two folders in step.
SELECT 1;
