-- Verdict reuse candidates (docs/verdict-reuse.md, "Speed"): a word index of approved claims,
-- so a look-up reads only the postings of the query's RAREST words, then scores those few
-- candidates with reuse_score (0012) as before. The trigram GIN indexes of 0012 read the
-- posting lists of the query's commonest trigrams on every look-up (~15 ms a scan at 100,000
-- claims, 2–4 scans a look-up); they are no longer used, so they go.

-- The terms of a folded text (reuse_fold): its distinct words cut to their first 6
-- characters, so "augmente" and "augmenteront", "double" and "doubled" share one; sorted.
CREATE FUNCTION reuse_terms(folded text) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
  SELECT coalesce(array_agg(DISTINCT pg_catalog.left(w, 6) ORDER BY pg_catalog.left(w, 6)), '{}')
  FROM pg_catalog.regexp_split_to_table($1, ' ') AS w
  WHERE w <> ''
$$;

-- One row per term of each approved claim's folded statement and quote.
CREATE TABLE reuse_terms (
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  term text NOT NULL,
  claim_id uuid NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
  PRIMARY KEY (workspace_id, term, claim_id)
);
CREATE INDEX reuse_terms_claim_idx ON reuse_terms (claim_id);

-- How many approved claims of a workspace hold each term: the look-up's measure of rarity.
CREATE TABLE reuse_term_counts (
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  term text NOT NULL,
  claims integer NOT NULL CHECK (claims >= 0),
  PRIMARY KEY (workspace_id, term)
);

-- Keeps both tables in step with the claims, in the transaction that changes them. Terms are
-- arrays sorted by reuse_terms, so two approvals touching the same counts lock them in the same
-- order (no deadlock). A claim leaves the index when it stops being approved or is deleted.
CREATE FUNCTION claims_reuse_terms_sync() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  old_terms text[] := '{}';
  new_terms text[] := '{}';
  gone text[];
  added text[];
BEGIN
  IF TG_OP <> 'INSERT' AND OLD.status = 'approved' THEN
    old_terms := reuse_terms(concat_ws(' ', OLD.reuse_statement, OLD.reuse_quote));
  END IF;
  IF TG_OP <> 'DELETE' AND NEW.status = 'approved' THEN
    new_terms := reuse_terms(concat_ws(' ', NEW.reuse_statement, NEW.reuse_quote));
  END IF;
  gone := ARRAY(SELECT t FROM unnest(old_terms) AS t WHERE t <> ALL (new_terms) ORDER BY t);
  added := ARRAY(SELECT t FROM unnest(new_terms) AS t WHERE t <> ALL (old_terms) ORDER BY t);
  IF cardinality(gone) > 0 THEN
    DELETE FROM reuse_terms WHERE claim_id = OLD.id AND term = ANY (gone);
    UPDATE reuse_term_counts SET claims = claims - 1
    WHERE workspace_id = OLD.workspace_id AND term = ANY (gone);
  END IF;
  IF cardinality(added) > 0 THEN
    INSERT INTO reuse_terms (workspace_id, term, claim_id)
    SELECT NEW.workspace_id, t, NEW.id FROM unnest(added) AS t;
    INSERT INTO reuse_term_counts AS k (workspace_id, term, claims)
    SELECT NEW.workspace_id, t, 1 FROM unnest(added) AS t
    ON CONFLICT (workspace_id, term) DO UPDATE SET claims = k.claims + 1;
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER claims_reuse_terms AFTER INSERT OR UPDATE OF status, statement, quote_exact
  OR DELETE ON claims
  FOR EACH ROW EXECUTE FUNCTION claims_reuse_terms_sync();

-- The claims approved before this migration.
INSERT INTO reuse_terms (workspace_id, term, claim_id)
SELECT c.workspace_id, t, c.id
FROM claims c, unnest(reuse_terms(concat_ws(' ', c.reuse_statement, c.reuse_quote))) AS t
WHERE c.status = 'approved';
INSERT INTO reuse_term_counts (workspace_id, term, claims)
SELECT workspace_id, term, count(*) FROM reuse_terms GROUP BY workspace_id, term;

DROP INDEX claims_reuse_statement_trgm_idx;
DROP INDEX claims_reuse_quote_trgm_idx;
