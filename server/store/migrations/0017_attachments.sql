-- Care Desktop: attachments (issue 18). A file's content is kept once per SHA-256, as
-- a file in the data folder (attachments/<first two hex>/<sha256>); this table names
-- each upload of it: who sent it, in which activity, with which message.
CREATE TABLE attachments (
  id          INTEGER PRIMARY KEY,
  activity_id INTEGER REFERENCES activities(id),  -- NULL: a mail gateway's, not yet with its email
  message_id  INTEGER REFERENCES messages(id),    -- NULL: not yet sent with a message
  sha256      TEXT NOT NULL,
  name        TEXT NOT NULL,
  media_type  TEXT NOT NULL,
  size        INTEGER NOT NULL,
  author_kind TEXT NOT NULL,                      -- customer, agent, system (a mail gateway)
  agent_id    INTEGER REFERENCES agents(id),
  created_at  INTEGER NOT NULL
);
CREATE INDEX attachments_by_activity ON attachments(activity_id, message_id);
CREATE INDEX attachments_by_hash ON attachments(sha256);
