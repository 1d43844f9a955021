-- Care Desktop: the help portal's home (R-H1): each article has a category (a name in
-- the article's own language, empty when it has none) and a count of the times the
-- portal showed it, which orders the "popular articles" list.
ALTER TABLE kb_articles ADD COLUMN category TEXT NOT NULL DEFAULT '';
ALTER TABLE kb_articles ADD COLUMN views INTEGER NOT NULL DEFAULT 0;
CREATE INDEX kb_articles_by_language ON kb_articles(language, category, views);
