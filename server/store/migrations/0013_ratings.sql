-- Care Desktop: customer satisfaction (issue 18). A chat's customer rates it once,
-- after it ended: 1–5 and an optional comment. The floor sums a shift's by time.
CREATE TABLE ratings (
  activity_id INTEGER PRIMARY KEY REFERENCES activities(id),
  score       INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
  comment     TEXT NOT NULL DEFAULT '',
  rated_at    INTEGER NOT NULL
);
CREATE INDEX ratings_by_time ON ratings(rated_at);
