-- Care Desktop: what connectors may send twice is stored once (R-B4).
-- A call event posted again (a retry after a lost answer) is one row per call, kind
-- and moment; repeats stored before this are dropped, keeping the first of each.
-- (An email's Message-ID is the activity's external_ref, already unique per medium.)
DELETE FROM call_events WHERE id NOT IN (
  SELECT MIN(id) FROM call_events GROUP BY activity_id, event, at);
CREATE UNIQUE INDEX call_events_once ON call_events(activity_id, event, at);

-- The channels whose work lands in a queue when the widget or connector names none,
-- as a JSON list of channel names (["chat"]).
ALTER TABLE queues ADD COLUMN default_for TEXT NOT NULL DEFAULT '[]';
