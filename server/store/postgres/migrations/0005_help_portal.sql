-- Care Desktop on PostgreSQL: the help portal's home (R-H1), as SQLite's 0005.
ALTER TABLE kb_articles ADD COLUMN category TEXT NOT NULL DEFAULT '';
ALTER TABLE kb_articles ADD COLUMN views BIGINT NOT NULL DEFAULT 0;
CREATE INDEX kb_articles_by_language ON kb_articles(language, category, views);
