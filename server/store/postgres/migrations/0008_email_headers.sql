-- Care Desktop on PostgreSQL: an email's own To, Cc and subject (R-B3), as SQLite's
-- 0008: JSON lists of addresses; all three NULL for a chat line.
ALTER TABLE messages ADD COLUMN email_to TEXT;
ALTER TABLE messages ADD COLUMN email_cc TEXT;
ALTER TABLE messages ADD COLUMN email_subject TEXT;
