-- Care Desktop: an email's own To, Cc and subject (R-B3). An agent's reply says whom
-- it goes to and under which subject, and the mail gateway reads them back to send
-- it; an inbound mail keeps its Cc, offered as the reply's. JSON lists of addresses;
-- all three NULL for a chat line.
ALTER TABLE messages ADD COLUMN email_to TEXT;
ALTER TABLE messages ADD COLUMN email_cc TEXT;
ALTER TABLE messages ADD COLUMN email_subject TEXT;
