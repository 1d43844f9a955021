-- Care Desktop: internal notes with @mentions (issue 18). A note is a comment (R-C5);
-- each agent it names gets one mention, unread until they open or dismiss it, so an
-- agent who was away finds it at their next sign-in.
CREATE TABLE mentions (
  id         INTEGER PRIMARY KEY,
  comment_id INTEGER NOT NULL REFERENCES comments(id) ON DELETE CASCADE,
  agent_id   INTEGER NOT NULL REFERENCES agents(id),
  created_at INTEGER NOT NULL,
  read_at    INTEGER,
  UNIQUE (comment_id, agent_id)
);
CREATE INDEX mentions_by_agent ON mentions(agent_id, id);
CREATE INDEX mentions_unread ON mentions(agent_id) WHERE read_at IS NULL;
