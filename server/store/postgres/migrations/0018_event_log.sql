-- Care Desktop on PostgreSQL: events across nodes (issue 17). Every node appends the
-- events it publishes here; every node reads them in id order and delivers them to its
-- own streams, so an event written through one node reaches a stream on another, and
-- an event id (Last-Event-ID) means the same on every node. `data` is the payload as
-- the publishing node rendered it and `audience` whom it is for (the receiving node
-- filters as a local publish does); both text, so the bytes a stream sends are the
-- same whichever node sends them. Pruned by age (`at`, the database's clock, epoch ms).
-- It replaces 0001's `events`, which nothing ever wrote (one agent or everyone as the
-- audience could not say "these agents and the supervisors").
DROP TABLE events;
CREATE TABLE events (
  id       BIGSERIAL PRIMARY KEY,
  at       BIGINT NOT NULL,
  type     TEXT NOT NULL,
  data     TEXT NOT NULL,
  audience TEXT NOT NULL
);
CREATE INDEX events_by_age ON events(at);

-- One append: the events' own advisory lock ('care' 'evnt', held to the end of the
-- transaction) is taken before the id, so ids commit in increasing order and a reader
-- that has read up to id n never finds n + 2 committed before n + 1. Not the write lock:
-- an event with no change behind it (typing) never waits for a change. The NOTIFY
-- carries only the id (payloads are capped at 8,000 bytes and wake every listener), and
-- is sent when the transaction commits.
CREATE FUNCTION care_append_event(p_type TEXT, p_data TEXT, p_audience TEXT) RETURNS BIGINT
LANGUAGE plpgsql AS $$
DECLARE
  new_id BIGINT;
BEGIN
  PERFORM pg_advisory_xact_lock(7161130662315322996);
  INSERT INTO events(at, type, data, audience)
    VALUES ((EXTRACT(EPOCH FROM clock_timestamp()) * 1000)::BIGINT, p_type, p_data, p_audience)
    RETURNING id INTO new_id;
  PERFORM pg_notify('care_events', new_id::TEXT);
  RETURN new_id;
END
$$;
