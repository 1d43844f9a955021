-- Care Desktop: a message's idempotency key (R-J5). A client that lost the answer
-- sends the line again with the same key; the server finds it here and stores nothing.
ALTER TABLE messages ADD COLUMN client_key TEXT;
CREATE UNIQUE INDEX messages_by_client_key ON messages(activity_id, client_key)
  WHERE client_key IS NOT NULL;
