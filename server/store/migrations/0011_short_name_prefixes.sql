-- Care Desktop: name search at a million customers (issue 15). A word of 1–3 letters
-- matches tens of thousands of names; without an index of its own, FTS5 gathers it
-- from every word that starts so, at each keystroke. prefix='1 2 3' keeps those short
-- prefixes as entries of their own. FTS5 options are set at creation, so the index is
-- made again; the triggers of migration 0002 keep filling it by name.
DROP TABLE customers_search;
CREATE VIRTUAL TABLE customers_search USING fts5(name, content='customers', content_rowid='id',
                                                 tokenize='unicode61 remove_diacritics 2',
                                                 prefix='1 2 3');
INSERT INTO customers_search(customers_search) VALUES ('rebuild');
