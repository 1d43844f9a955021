-- Care Desktop on PostgreSQL: a whole word typed is one key (issue 17). 0020 kept each
-- word's first 1 to 5 letters, so a longer word typed was read through its first five
-- letters' key and each row checked: a surname sharing them with a common first name
-- ("Цветенов" under 'цвете', beside some 10,000 "Цветелина"s at 1,000,000 customers)
-- read and rejected a thousand rows for its first 50. Now each word's first 1 to 20
-- letters are keys, so a word of up to 20 letters is its own key, whose rows all start
-- a word so; a longer one is read through its first 20 and checked as before. About a
-- third more key rows (the letters past the fifth of each longer word). Twenty, not
-- the whole word, keeps a key far below a btree entry's size limit whatever is typed.

-- The same function as 0020's with keys up to 20 letters: the triggers of 0020 call it,
-- so from here on every insert and edit keeps the longer keys too, and an edit removes
-- them all.
CREATE OR REPLACE FUNCTION care_word_keys(text) RETURNS TABLE(key text, tokens smallint)
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT left(w, n), count(*)::smallint
    FROM regexp_split_to_table(care_fold($1), '[^[:alnum:]]+') AS w, generate_series(1, 20) AS n
   WHERE w <> '' AND length(w) >= n
   GROUP BY left(w, n) $$;

-- Fills both tables from the rows, with their indexes dropped for the fill and built
-- again after (sorting 13 million keys once is quicker than putting each into the
-- btree: at 1,000,000 customers 116 s, against 153 s to insert only the new keys into
-- the existing indexes, at the same load; 67 s on a quieter machine): here, and after
-- a bulk load that ran without triggers (the search benchmark's).
CREATE OR REPLACE FUNCTION care_rebuild_search_keys() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  ALTER TABLE customer_name_keys DROP CONSTRAINT customer_name_keys_pkey;
  DROP INDEX customer_name_keys_twice;
  ALTER TABLE request_title_keys DROP CONSTRAINT request_title_keys_pkey;
  TRUNCATE customer_name_keys, request_title_keys;
  INSERT INTO customer_name_keys(key, customer_id, tokens)
    SELECT k.key, c.id, k.tokens FROM customers c, care_word_keys(c.name) k;
  INSERT INTO request_title_keys(key, request_id, tokens)
    SELECT k.key, r.id, k.tokens FROM requests r, care_word_keys(r.title) k;
  ALTER TABLE customer_name_keys ADD PRIMARY KEY (key, customer_id);
  CREATE INDEX customer_name_keys_twice ON customer_name_keys(key, customer_id)
    WHERE tokens >= 2;
  ALTER TABLE request_title_keys ADD PRIMARY KEY (key, request_id);
END $$;
SELECT care_rebuild_search_keys();
