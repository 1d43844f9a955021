-- Care Desktop: what routing, ingestion and search need on top of the first schema.

-- An activity arrives (ingestion) before it belongs to a request: the request is
-- chosen when an agent accepts it (R-A7). An unknown contact has no customer record
-- until the agent creates one (R-D3), so neither has its request. SQLite cannot drop
-- NOT NULL in place, so these tables are rebuilt (apply_migrations runs this with
-- foreign keys off and checks every reference before it commits).
CREATE TABLE requests_new (
  id           INTEGER PRIMARY KEY,
  customer_id  INTEGER REFERENCES customers(id),  -- NULL: an unknown contact's request
  title        TEXT NOT NULL,
  description  TEXT NOT NULL DEFAULT '',
  status       TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  priority     TEXT NOT NULL DEFAULT 'normal',
  version      INTEGER NOT NULL DEFAULT 1,
  created_at   INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL,              -- the request's own last update
  updated_by   INTEGER REFERENCES agents(id),
  closed_at    INTEGER,
  last_activity_at INTEGER NOT NULL DEFAULT 0 -- latest change of any of its activities (R-C3)
);
INSERT INTO requests_new (id, customer_id, title, description, status, priority, version,
                          created_at, updated_at, updated_by, closed_at, last_activity_at)
  SELECT id, customer_id, title, description, status, priority, version,
         created_at, updated_at, updated_by, closed_at, updated_at FROM requests;
DROP TABLE requests;
ALTER TABLE requests_new RENAME TO requests;
CREATE INDEX requests_by_customer ON requests(customer_id, status, updated_at);
CREATE INDEX requests_open_by_quiet ON requests(MAX(updated_at, last_activity_at))
  WHERE status = 'open';

CREATE TABLE activities_new (
  id           INTEGER PRIMARY KEY,
  request_id   INTEGER REFERENCES requests(id),   -- NULL until accepted
  customer_id  INTEGER REFERENCES customers(id),  -- NULL: an unknown contact
  media        TEXT NOT NULL CHECK (media IN ('chat', 'call', 'email', 'note')),
  subject      TEXT NOT NULL DEFAULT '',
  from_address TEXT NOT NULL DEFAULT '',          -- email sender, caller's number
  to_address   TEXT NOT NULL DEFAULT '',          -- the address or number contacted
  context      TEXT NOT NULL DEFAULT '{}',        -- conversation context as JSON (R-F1, R-F2)
  version      INTEGER NOT NULL DEFAULT 1,
  created_at   INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL,
  updated_by   INTEGER REFERENCES agents(id),
  closed_at    INTEGER,
  wrap_up_code TEXT NOT NULL DEFAULT '',
  -- The channel's own id (a call id, an email Message-ID) so later events of the
  -- same interaction update this activity instead of creating another (R-B4).
  external_ref TEXT
);
INSERT INTO activities_new (id, request_id, customer_id, media, subject, context, version,
                            created_at, updated_at, updated_by, closed_at, wrap_up_code)
  SELECT id, request_id, customer_id, media, subject, context, version,
         created_at, updated_at, updated_by, closed_at, COALESCE(wrap_up_code, '') FROM activities;
DROP TABLE activities;
ALTER TABLE activities_new RENAME TO activities;
CREATE INDEX activities_by_request ON activities(request_id, created_at);
CREATE INDEX activities_by_customer ON activities(customer_id, created_at);
CREATE UNIQUE INDEX activities_by_external_ref ON activities(media, external_ref)
  WHERE external_ref IS NOT NULL;

-- Messages say who wrote them: the customer, an agent (which one), or the system.
CREATE TABLE messages_new (
  id           INTEGER PRIMARY KEY,
  activity_id  INTEGER NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
  author_kind  TEXT NOT NULL CHECK (author_kind IN ('customer', 'agent', 'system')),
  agent_id     INTEGER REFERENCES agents(id),
  author_name  TEXT NOT NULL,
  body         TEXT NOT NULL,
  created_at   INTEGER NOT NULL
);
INSERT INTO messages_new (id, activity_id, author_kind, author_name, body, created_at)
  SELECT id, activity_id, CASE direction WHEN 'inbound' THEN 'customer' ELSE 'agent' END,
         author, body, created_at FROM messages;
DROP TABLE messages;
ALTER TABLE messages_new RENAME TO messages;
CREATE INDEX messages_by_activity ON messages(activity_id, id);

-- Skills a task needs beyond its queue's, as a JSON array (R-F1 re-routing).
ALTER TABLE tasks ADD COLUMN skills TEXT NOT NULL DEFAULT '[]';
ALTER TABLE tasks ADD COLUMN version INTEGER NOT NULL DEFAULT 1;

-- Digits of the phone number, so "+359 88 123 4567" is found by "+35988…" (a prefix of
-- the digits) and, reversed, by "088 123 4567" (the national form ends the same way).
ALTER TABLE customers ADD COLUMN phone_key TEXT NOT NULL DEFAULT '';
ALTER TABLE customers ADD COLUMN phone_key_reversed TEXT NOT NULL DEFAULT '';
CREATE INDEX customers_by_phone_suffix ON customers(phone_key_reversed) WHERE phone_key_reversed <> '';
ALTER TABLE customers ADD COLUMN account_id INTEGER REFERENCES customers(id);
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

-- The wrap-up list (R-F10): retired codes stay readable on old activities.
ALTER TABLE wrap_up_codes ADD COLUMN active INTEGER NOT NULL DEFAULT 1;
INSERT INTO wrap_up_codes(code, label) VALUES
  ('resolved', 'Resolved'),
  ('follow_up', 'Follow-up needed'),
  ('no_action', 'No action needed'),
  ('spam', 'Spam or abuse');
