-- Care Desktop: what routing, ingestion and search need on top of the first schema.

-- An activity arrives (ingestion) before it belongs to a request: the request is
-- chosen when an agent accepts it (R-A7). SQLite cannot drop NOT NULL in place, so
-- the table is rebuilt (apply_migrations runs this with foreign keys off and checks
-- every reference before it commits).
CREATE TABLE activities_new (
  id           INTEGER PRIMARY KEY,
  request_id   INTEGER REFERENCES requests(id),   -- NULL until accepted
  customer_id  INTEGER REFERENCES customers(id),
  media        TEXT NOT NULL CHECK (media IN ('chat', 'call', 'email', 'note')),
  subject      TEXT NOT NULL DEFAULT '',
  context      TEXT NOT NULL DEFAULT '{}',
  version      INTEGER NOT NULL DEFAULT 1,
  created_at   INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL,
  updated_by   INTEGER REFERENCES agents(id),
  closed_at    INTEGER,
  wrap_up_code TEXT,
  -- The channel's own id (a call id, an email Message-ID) so later events of the
  -- same interaction update this activity instead of creating another (R-B4).
  external_ref TEXT
);
INSERT INTO activities_new (id, request_id, customer_id, media, subject, context, version,
                            created_at, updated_at, updated_by, closed_at, wrap_up_code)
  SELECT id, request_id, customer_id, media, subject, context, version,
         created_at, updated_at, updated_by, closed_at, wrap_up_code FROM activities;
DROP TABLE activities;
ALTER TABLE activities_new RENAME TO activities;
CREATE INDEX activities_by_request ON activities(request_id, created_at);
CREATE INDEX activities_by_customer ON activities(customer_id, created_at);
CREATE UNIQUE INDEX activities_by_external_ref ON activities(media, external_ref)
  WHERE external_ref IS NOT NULL;

-- An inbound contact nobody has matched yet gets an unsaved customer record holding
-- what the channel told us; the agent creates (saves) it or leaves it (R-D3).
-- Unsaved customers are not offered by search or Recent.
ALTER TABLE customers ADD COLUMN saved INTEGER NOT NULL DEFAULT 1;
-- Digits of the phone number, so "+359 88 123 4567" and "0881234567" both find it.
ALTER TABLE customers ADD COLUMN phone_key TEXT NOT NULL DEFAULT '';
CREATE INDEX customers_by_phone_key ON customers(phone_key) WHERE phone_key <> '';

-- Search by name (R-D4): word prefixes through FTS5, which stays fast at a million rows.
CREATE VIRTUAL TABLE customers_search USING fts5(name, content='customers', content_rowid='id',
                                                 tokenize='unicode61 remove_diacritics 2');
CREATE TRIGGER customers_ai AFTER INSERT ON customers BEGIN
  INSERT INTO customers_search(rowid, name) VALUES (new.id, new.name);
END;
CREATE TRIGGER customers_ad AFTER DELETE ON customers BEGIN
  INSERT INTO customers_search(customers_search, rowid, name) VALUES ('delete', old.id, old.name);
END;
CREATE TRIGGER customers_au AFTER UPDATE OF name ON customers BEGIN
  INSERT INTO customers_search(customers_search, rowid, name) VALUES ('delete', old.id, old.name);
  INSERT INTO customers_search(rowid, name) VALUES (new.id, new.name);
END;
INSERT INTO customers_search(rowid, name) SELECT id, name FROM customers;

-- …and by request title.
CREATE VIRTUAL TABLE requests_search USING fts5(title, content='requests', content_rowid='id',
                                                tokenize='unicode61 remove_diacritics 2');
CREATE TRIGGER requests_ai AFTER INSERT ON requests BEGIN
  INSERT INTO requests_search(rowid, title) VALUES (new.id, new.title);
END;
CREATE TRIGGER requests_ad AFTER DELETE ON requests BEGIN
  INSERT INTO requests_search(requests_search, rowid, title) VALUES ('delete', old.id, old.title);
END;
CREATE TRIGGER requests_au AFTER UPDATE OF title ON requests BEGIN
  INSERT INTO requests_search(requests_search, rowid, title) VALUES ('delete', old.id, old.title);
  INSERT INTO requests_search(rowid, title) VALUES (new.id, new.title);
END;
INSERT INTO requests_search(rowid, title) SELECT id, title FROM requests;

-- Call events as the telephony system reported them (R-B2, R-B4).
CREATE TABLE call_events (
  id          INTEGER PRIMARY KEY,
  activity_id INTEGER NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
  event       TEXT NOT NULL CHECK (event IN ('ringing', 'answered', 'held', 'resumed', 'ended')),
  at          INTEGER NOT NULL
);
CREATE INDEX call_events_by_activity ON call_events(activity_id, id);

-- The chat widget's token reaches only its own conversation (R-G5); only a hash is kept.
CREATE TABLE widget_tokens (
  token_hash  TEXT PRIMARY KEY,
  activity_id INTEGER NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
  created_at  INTEGER NOT NULL
);
