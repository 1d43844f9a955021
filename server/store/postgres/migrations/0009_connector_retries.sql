-- Care Desktop on PostgreSQL: what connectors may send twice is stored once (R-B4),
-- as SQLite's 0009.
DELETE FROM call_events WHERE id NOT IN (
  SELECT MIN(id) FROM call_events GROUP BY activity_id, event, at);
CREATE UNIQUE INDEX call_events_once ON call_events(activity_id, event, at);

ALTER TABLE queues ADD COLUMN default_for TEXT NOT NULL DEFAULT '[]';
