-- The spelling-correction vocabulary follows the entries: each word counts the entries that
-- hold it and goes with the last one. Before, words were only added, so the words of a deleted
-- comment or evidence (a blind round's hidden ones included) could still be offered as a
-- correction of a near word, telling others what the deleted text said.
ALTER TABLE search_words ADD COLUMN uses integer NOT NULL DEFAULT 0;

-- The words of one entry's text, as corrections use them (folded, 3 to 40 characters).
CREATE FUNCTION search_words_of(p_body text) RETURNS SETOF text LANGUAGE sql STABLE AS $$
  SELECT DISTINCT w FROM unnest(tsvector_to_array(to_tsvector('search_simple', p_body))) AS w
  WHERE length(w) BETWEEN 3 AND 40
$$;

UPDATE search_words s SET uses = c.n
FROM (
  SELECT e.workspace_id, w.word, count(*)::int AS n
  FROM search_entries e, search_words_of(e.body) AS w (word)
  GROUP BY e.workspace_id, w.word
) c
WHERE s.workspace_id = c.workspace_id AND s.word = c.word;
DELETE FROM search_words WHERE uses = 0;

DROP TRIGGER search_entries_words ON search_entries;
DROP FUNCTION search_entries_collect_words();

-- Only the difference between the old and the new text is counted: a document's text entry is
-- rewritten seconds after each burst of typing, and most of its words stay.
CREATE FUNCTION search_entries_count_words() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  gone text[] := '{}';
  came text[] := '{}';
BEGIN
  IF TG_OP = 'DELETE' THEN
    gone := array(SELECT search_words_of(OLD.body));
  ELSIF TG_OP = 'INSERT' THEN
    came := array(SELECT search_words_of(NEW.body));
  ELSE
    gone := array(SELECT search_words_of(OLD.body) EXCEPT SELECT search_words_of(NEW.body));
    came := array(SELECT search_words_of(NEW.body) EXCEPT SELECT search_words_of(OLD.body));
  END IF;
  IF cardinality(gone) > 0 THEN
    UPDATE search_words s SET uses = s.uses - 1
    WHERE s.workspace_id = OLD.workspace_id AND s.word = ANY (gone);
    DELETE FROM search_words s
    WHERE s.workspace_id = OLD.workspace_id AND s.word = ANY (gone) AND s.uses <= 0;
  END IF;
  IF cardinality(came) > 0 THEN
    INSERT INTO search_words (workspace_id, word, uses)
      SELECT NEW.workspace_id, w, 1 FROM unnest(came) AS w
    ON CONFLICT (workspace_id, word) DO UPDATE SET uses = search_words.uses + 1;
  END IF;
  RETURN NULL;
END;
$$;
CREATE TRIGGER search_entries_words AFTER INSERT OR DELETE OR UPDATE OF body ON search_entries
  FOR EACH ROW EXECUTE FUNCTION search_entries_count_words();
