-- Care Desktop: outbound webhooks for connectors (issue 18). An admin's endpoints, the
-- events each wants, and an outbox of deliveries written in the same transaction as
-- the change they report (an agent's email reply, call control, chat line), so a
-- delivery is never lost to a kill of the server between the change and the send.
CREATE TABLE webhook_endpoints (
  id INTEGER PRIMARY KEY,
  url TEXT NOT NULL,
  -- The HMAC-SHA256 key receivers verify with; the server must read it to sign, so it
  -- is kept as it is (shown to the admin once, on create).
  secret TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  created_by INTEGER REFERENCES agents(id)
);
CREATE TABLE webhook_endpoint_events (
  endpoint_id INTEGER NOT NULL REFERENCES webhook_endpoints(id) ON DELETE CASCADE,
  event TEXT NOT NULL,
  PRIMARY KEY (event, endpoint_id)
);
-- state: pending (next_at is when it is tried next), delivered, failed (gave up).
CREATE TABLE webhook_deliveries (
  id INTEGER PRIMARY KEY,
  endpoint_id INTEGER NOT NULL REFERENCES webhook_endpoints(id) ON DELETE CASCADE,
  event TEXT NOT NULL,
  body TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'pending',
  attempts INTEGER NOT NULL DEFAULT 0,
  next_at INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  last_at INTEGER,
  last_status INTEGER,
  last_error TEXT NOT NULL DEFAULT ''
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries(state, next_at);
CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries(endpoint_id);
