-- Verdict reuse (docs/verdict-reuse.md): finding approved claims of the workspace that say the
-- same thing as a text, and copying a verdict from one with its provenance.

-- A claim text folded for comparison: case, accents, punctuation and runs of spaces gone
-- ("L’ÉLYSÉE a dépensé…" and "l'elysee a depense…" fold alike). It sits in index expressions,
-- which PostgreSQL evaluates with a search_path of pg_catalog only, so search_fold (0010) is
-- named by its schema.
DO $$
BEGIN
  EXECUTE format(
    'CREATE FUNCTION reuse_fold(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
       AS %L',
    format(
      'SELECT pg_catalog.btrim(pg_catalog.regexp_replace(%I.search_fold($1), %L, %L, %L))',
      current_schema(), '[^[:alnum:]]+', ' ', 'g'));
END;
$$;

-- The figures of a folded text, distinct and sorted: "10 %" in one claim and "3 %" in the
-- other make two different claims however alike the words.
CREATE FUNCTION reuse_figures(text) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
  SELECT coalesce(array_agg(DISTINCT m[1] ORDER BY m[1]), '{}')
  FROM regexp_matches($1, '[0-9]+', 'g') AS m
$$;

-- How much two texts say the same thing, 0 to 1: pg_trgm similarity of the folded texts,
-- halved when both carry figures and the figures differ. The threshold on it is tuned on the
-- labelled pairs of apps/server/src/testing/paraphrasePairs.ts (scripts/tune-reuse-threshold.ts).
CREATE FUNCTION reuse_score(a text, b text) RETURNS real LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
  SELECT CASE
    WHEN cardinality(fa) > 0 AND cardinality(fb) > 0 AND fa <> fb THEN s / 2
    ELSE s
  END
  FROM (SELECT similarity(a, b) AS s, reuse_figures(a) AS fa, reuse_figures(b) AS fb) x
$$;

-- Only approved claims are ever suggested: partial trigram indexes over their folded statement
-- and quote keep the look-up on them alone, whatever else the workspace holds.
CREATE INDEX claims_reuse_statement_trgm_idx ON claims
  USING gin (reuse_fold(statement) gin_trgm_ops) WHERE status = 'approved';
CREATE INDEX claims_reuse_quote_trgm_idx ON claims
  USING gin (reuse_fold(quote_exact) gin_trgm_ops) WHERE status = 'approved';

-- Where a reused verdict came from, as it was when it was reused: the source claim (null if
-- it is deleted later) and its document's id and title then (kept if either goes).
ALTER TABLE claims
  ADD COLUMN reused_from_claim_id uuid REFERENCES claims (id) ON DELETE SET NULL,
  ADD COLUMN reused_from_document_id uuid,
  ADD COLUMN reused_from_document_title text,
  ADD COLUMN reused_at timestamptz;
