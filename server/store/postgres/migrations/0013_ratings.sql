-- Care Desktop on PostgreSQL: customer satisfaction (issue 18), as SQLite's 0013.
CREATE TABLE ratings (
  activity_id BIGINT PRIMARY KEY REFERENCES activities(id),
  score       INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
  comment     TEXT NOT NULL DEFAULT '',
  rated_at    BIGINT NOT NULL
);
CREATE INDEX ratings_by_time ON ratings(rated_at);
