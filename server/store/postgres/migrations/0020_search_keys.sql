-- Care Desktop on PostgreSQL: name and request-title search at a million customers,
-- as SQLite's FTS5 tables answer it (issue 17). 0012's trigram indexes found the rows
-- but not in id order: a word start matching tens of thousands of names was gathered,
-- folded row by row and sorted for the first 50 (50–700 ms at 1,000,000), and the
-- planner, unable to guess how many names a pattern matches, often walked the table
-- instead. FTS5 keeps each word and, since SQLite's 0011, its first 1–3 letters
-- (prefix='1 2 3'). Here each word's first 1 to 5 letters are btree keys beside the
-- row's id, so any word start is one key whose rows come in id order: one word typed
-- reads them up to the limit, several are joined id by id.

-- The keys of a text's words (split and folded as the search's patterns split and fold
-- them): the first 1 to 5 letters of each word; `tokens` counts the words with that
-- key ("Mara Madsen": 'ma' twice). A longer word start is looked up by its first five
-- letters and checked against the text.
CREATE FUNCTION care_word_keys(text) RETURNS TABLE(key text, tokens smallint)
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT left(w, n), count(*)::smallint
    FROM regexp_split_to_table(care_fold($1), '[^[:alnum:]]+') AS w, generate_series(1, 5) AS n
   WHERE w <> '' AND length(w) >= n
   GROUP BY left(w, n) $$;

CREATE TABLE customer_name_keys (
  key         TEXT COLLATE "C" NOT NULL,
  customer_id BIGINT NOT NULL,
  tokens      SMALLINT NOT NULL,
  PRIMARY KEY (key, customer_id)
);
-- One word typed: names with two words that start so come first (SQLite's "w + w").
CREATE INDEX customer_name_keys_twice ON customer_name_keys(key, customer_id)
  WHERE tokens >= 2;
CREATE TABLE request_title_keys (
  key        TEXT COLLATE "C" NOT NULL,
  request_id BIGINT NOT NULL,
  tokens     SMALLINT NOT NULL,
  PRIMARY KEY (key, request_id)
);

-- The keys follow the rows (as SQLite's triggers fill its FTS5 tables). No foreign
-- key: the delete triggers remove a row's keys, and a check on each key would slow
-- every insert.
CREATE FUNCTION care_customer_name_keys() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    IF TG_OP = 'UPDATE' AND NEW.name IS NOT DISTINCT FROM OLD.name THEN RETURN NULL; END IF;
    DELETE FROM customer_name_keys
     WHERE customer_id = OLD.id AND key IN (SELECT k.key FROM care_word_keys(OLD.name) k);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    INSERT INTO customer_name_keys(key, customer_id, tokens)
      SELECT k.key, NEW.id, k.tokens FROM care_word_keys(NEW.name) k;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER customers_name_keys AFTER INSERT OR UPDATE OF name OR DELETE ON customers
  FOR EACH ROW EXECUTE FUNCTION care_customer_name_keys();

CREATE FUNCTION care_request_title_keys() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    IF TG_OP = 'UPDATE' AND NEW.title IS NOT DISTINCT FROM OLD.title THEN RETURN NULL; END IF;
    DELETE FROM request_title_keys
     WHERE request_id = OLD.id AND key IN (SELECT k.key FROM care_word_keys(OLD.title) k);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    INSERT INTO request_title_keys(key, request_id, tokens)
      SELECT k.key, NEW.id, k.tokens FROM care_word_keys(NEW.title) k;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER requests_title_keys AFTER INSERT OR UPDATE OF title OR DELETE ON requests
  FOR EACH ROW EXECUTE FUNCTION care_request_title_keys();

-- Fills both tables from the rows in one pass each: here, and after a bulk load that
-- ran without triggers (the search benchmark's).
CREATE FUNCTION care_rebuild_search_keys() RETURNS void LANGUAGE sql AS $$
  TRUNCATE customer_name_keys, request_title_keys;
  INSERT INTO customer_name_keys(key, customer_id, tokens)
    SELECT k.key, c.id, k.tokens FROM customers c, care_word_keys(c.name) k;
  INSERT INTO request_title_keys(key, request_id, tokens)
    SELECT k.key, r.id, k.tokens FROM requests r, care_word_keys(r.title) k;
$$;
SELECT care_rebuild_search_keys();

-- The trigram indexes no search reads any more.
DROP INDEX customers_by_name_words;
DROP INDEX requests_by_title_words;
