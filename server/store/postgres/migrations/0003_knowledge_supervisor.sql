-- Care Desktop on PostgreSQL: knowledge articles as versioned records, and the
-- supervisor's shift figures (SQLite's 0003).
ALTER TABLE kb_articles ADD COLUMN tags TEXT NOT NULL DEFAULT '[]';
ALTER TABLE kb_articles ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE kb_articles ADD COLUMN updated_by BIGINT REFERENCES agents(id);
CREATE INDEX kb_articles_by_update ON kb_articles(updated_at);

-- Handled work over a shift (R-H3).
CREATE INDEX tasks_closed_by_time ON tasks(closed_at) WHERE state = 'closed';
