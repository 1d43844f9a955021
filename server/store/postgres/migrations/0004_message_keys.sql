-- Care Desktop on PostgreSQL: a message's idempotency key (R-J5), as SQLite's 0004.
ALTER TABLE messages ADD COLUMN client_key TEXT;
CREATE UNIQUE INDEX messages_by_client_key ON messages(activity_id, client_key)
  WHERE client_key IS NOT NULL;
