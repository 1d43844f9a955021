-- Care Desktop: the first schema. Times are integer milliseconds since the Unix
-- epoch (UTC); every editable record has a version for optimistic concurrency (R-E1).

CREATE TABLE agents (
  id            INTEGER PRIMARY KEY,
  username      TEXT NOT NULL UNIQUE COLLATE NOCASE,
  display_name  TEXT NOT NULL,
  password_hash TEXT NOT NULL,               -- argon2id, libsodium's crypto_pwhash_str
  role          TEXT NOT NULL CHECK (role IN ('agent', 'supervisor', 'admin')),
  state         TEXT NOT NULL DEFAULT 'not_ready' CHECK (state IN ('ready', 'not_ready')),
  state_reason  TEXT NOT NULL DEFAULT '',
  state_since   INTEGER NOT NULL DEFAULT 0,
  chat_capacity  INTEGER NOT NULL DEFAULT 3,
  email_capacity INTEGER NOT NULL DEFAULT 5,
  language      TEXT NOT NULL DEFAULT 'en',
  created_at    INTEGER NOT NULL
);

CREATE TABLE sessions (
  token_hash  TEXT PRIMARY KEY,              -- a hash of the cookie's token, never the token
  agent_id    INTEGER NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
  created_at  INTEGER NOT NULL,
  expires_at  INTEGER NOT NULL
);
CREATE INDEX sessions_by_agent ON sessions(agent_id);

CREATE TABLE skills (
  id    INTEGER PRIMARY KEY,
  name  TEXT NOT NULL UNIQUE COLLATE NOCASE
);

CREATE TABLE agent_skills (
  agent_id INTEGER NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
  skill_id INTEGER NOT NULL REFERENCES skills(id) ON DELETE CASCADE,
  PRIMARY KEY (agent_id, skill_id)
);

CREATE TABLE queues (
  id        INTEGER PRIMARY KEY,
  name      TEXT NOT NULL UNIQUE,
  priority  INTEGER NOT NULL DEFAULT 0      -- higher is served first (R-A3)
);

CREATE TABLE queue_skills (
  queue_id INTEGER NOT NULL REFERENCES queues(id) ON DELETE CASCADE,
  skill_id INTEGER NOT NULL REFERENCES skills(id) ON DELETE CASCADE,
  PRIMARY KEY (queue_id, skill_id)
);

CREATE TABLE agent_queues (
  agent_id INTEGER NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
  queue_id INTEGER NOT NULL REFERENCES queues(id) ON DELETE CASCADE,
  PRIMARY KEY (agent_id, queue_id)
);

CREATE TABLE customers (
  id           INTEGER PRIMARY KEY,
  kind         TEXT NOT NULL CHECK (kind IN ('contact', 'account')),
  name         TEXT NOT NULL,
  email        TEXT NOT NULL DEFAULT '',
  phone        TEXT NOT NULL DEFAULT '',
  language     TEXT NOT NULL DEFAULT '',
  location     TEXT NOT NULL DEFAULT '',
  primary_contact_id INTEGER REFERENCES customers(id),
  version      INTEGER NOT NULL DEFAULT 1,
  created_at   INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL,
  updated_by   INTEGER REFERENCES agents(id)
);
CREATE INDEX customers_by_email ON customers(email COLLATE NOCASE) WHERE email <> '';
CREATE INDEX customers_by_phone ON customers(phone) WHERE phone <> '';

CREATE TABLE requests (
  id           INTEGER PRIMARY KEY,
  customer_id  INTEGER NOT NULL REFERENCES customers(id),
  title        TEXT NOT NULL,
  description  TEXT NOT NULL DEFAULT '',
  status       TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  priority     TEXT NOT NULL DEFAULT 'normal',
  version      INTEGER NOT NULL DEFAULT 1,
  created_at   INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL,              -- last update of the request or any activity (R-C3)
  updated_by   INTEGER REFERENCES agents(id),
  closed_at    INTEGER
);
CREATE INDEX requests_by_customer ON requests(customer_id, status, updated_at);
CREATE INDEX requests_open_by_update ON requests(updated_at) WHERE status = 'open';

CREATE TABLE activities (
  id           INTEGER PRIMARY KEY,
  request_id   INTEGER NOT NULL REFERENCES requests(id),
  customer_id  INTEGER REFERENCES customers(id),
  media        TEXT NOT NULL CHECK (media IN ('chat', 'call', 'email', 'note')),
  subject      TEXT NOT NULL DEFAULT '',
  context      TEXT NOT NULL DEFAULT '{}',    -- conversation context as JSON (R-F1, R-F2)
  version      INTEGER NOT NULL DEFAULT 1,
  created_at   INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL,
  updated_by   INTEGER REFERENCES agents(id),
  closed_at    INTEGER,
  wrap_up_code TEXT
);
CREATE INDEX activities_by_request ON activities(request_id, created_at);
CREATE INDEX activities_by_customer ON activities(customer_id, created_at);

CREATE TABLE messages (
  id           INTEGER PRIMARY KEY,
  activity_id  INTEGER NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
  direction    TEXT NOT NULL CHECK (direction IN ('inbound', 'outbound')),
  author       TEXT NOT NULL,
  body         TEXT NOT NULL,
  created_at   INTEGER NOT NULL
);
CREATE INDEX messages_by_activity ON messages(activity_id, id);

CREATE TABLE tags (
  activity_id  INTEGER NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
  tag          TEXT NOT NULL,
  tag_key      TEXT NOT NULL,                 -- case-folded, for uniqueness (R-C4)
  created_at   INTEGER NOT NULL,
  PRIMARY KEY (activity_id, tag_key)
);

CREATE TABLE comments (
  id           INTEGER PRIMARY KEY,
  activity_id  INTEGER NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
  author_id    INTEGER NOT NULL REFERENCES agents(id),
  body         TEXT NOT NULL,
  created_at   INTEGER NOT NULL
);
CREATE INDEX comments_by_activity ON comments(activity_id, id);

CREATE TABLE tasks (
  id             INTEGER PRIMARY KEY,
  activity_id    INTEGER NOT NULL REFERENCES activities(id),
  queue_id       INTEGER NOT NULL REFERENCES queues(id),
  channel        TEXT NOT NULL CHECK (channel IN ('chat', 'call', 'email')),
  state          TEXT NOT NULL CHECK (state IN ('queued', 'offered', 'assigned', 'closed')),
  enqueued_at    INTEGER NOT NULL,             -- kept when an offer is missed (R-A3)
  agent_id       INTEGER REFERENCES agents(id),
  offer_deadline INTEGER,
  assigned_at    INTEGER,
  closed_at      INTEGER
);
CREATE INDEX tasks_waiting ON tasks(queue_id, enqueued_at) WHERE state = 'queued';
CREATE INDEX tasks_by_agent ON tasks(agent_id, state);

CREATE TABLE wrap_up_codes (
  code   TEXT PRIMARY KEY,
  label  TEXT NOT NULL
);

CREATE TABLE kb_articles (
  id          INTEGER PRIMARY KEY,
  title       TEXT NOT NULL,
  body        TEXT NOT NULL,
  language    TEXT NOT NULL DEFAULT 'en',
  updated_at  INTEGER NOT NULL
);
CREATE VIRTUAL TABLE kb_search USING fts5(title, body, content='kb_articles', content_rowid='id',
                                          tokenize='unicode61 remove_diacritics 2');
CREATE TRIGGER kb_articles_ai AFTER INSERT ON kb_articles BEGIN
  INSERT INTO kb_search(rowid, title, body) VALUES (new.id, new.title, new.body);
END;
CREATE TRIGGER kb_articles_ad AFTER DELETE ON kb_articles BEGIN
  INSERT INTO kb_search(kb_search, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
END;
CREATE TRIGGER kb_articles_au AFTER UPDATE ON kb_articles BEGIN
  INSERT INTO kb_search(kb_search, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
  INSERT INTO kb_search(rowid, title, body) VALUES (new.id, new.title, new.body);
END;

CREATE TABLE canned_responses (
  id     INTEGER PRIMARY KEY,
  name   TEXT NOT NULL UNIQUE,
  body   TEXT NOT NULL                        -- {customer} is filled with the customer's name (R-F9)
);

-- Every change the server makes publishes an event with an increasing id (SSE).
CREATE TABLE events (
  id          INTEGER PRIMARY KEY,
  type        TEXT NOT NULL,
  audience    INTEGER,                         -- an agent id, or NULL for everyone
  payload     TEXT NOT NULL,
  created_at  INTEGER NOT NULL
);

-- Who changed what and when (R-G3).
CREATE TABLE audit (
  id          INTEGER PRIMARY KEY,
  at          INTEGER NOT NULL,
  actor_id    INTEGER REFERENCES agents(id),
  action      TEXT NOT NULL,
  record_type TEXT NOT NULL,
  record_id   INTEGER NOT NULL,
  detail      TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_by_record ON audit(record_type, record_id, at);
