-- Care Desktop: knowledge articles as versioned records, canned-response search, and
-- the supervisor's shift figures.

-- A knowledge article is a record like the others (R-F5, R-E1): tags (a JSON array),
-- a version and who changed it last. The search index (kb_search) stays as it is.
ALTER TABLE kb_articles ADD COLUMN tags TEXT NOT NULL DEFAULT '[]';
ALTER TABLE kb_articles ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE kb_articles ADD COLUMN updated_by INTEGER REFERENCES agents(id);
CREATE INDEX kb_articles_by_update ON kb_articles(updated_at);

-- Handled work over a shift (R-H3): closed tasks found by when they closed, without
-- reading every task ever handled.
CREATE INDEX tasks_closed_by_time ON tasks(closed_at) WHERE state = 'closed';
