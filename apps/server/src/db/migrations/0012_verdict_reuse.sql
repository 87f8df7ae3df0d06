-- Verdict reuse (docs/verdict-reuse.md): finding approved claims of the workspace that say the
-- same thing as a text, and copying a verdict from one with its provenance.

-- A claim text folded for comparison: case, accents, punctuation, runs of spaces and the
-- commonest French and English function words gone ("L’ÉLYSÉE a dépensé…" and "l'elysee a
-- depense…" fold alike to "elysee depense…"). Function words carry nothing of a claim and
-- are in nearly every one, so their trigrams only made the index look at every row.
-- It sits in generated columns, which PostgreSQL evaluates with a search_path of pg_catalog
-- only, so search_fold (0010) is named by its schema.
DO $$
BEGIN
  EXECUTE format(
    'CREATE FUNCTION reuse_fold(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
       AS %L',
    format(
      'SELECT pg_catalog.btrim(pg_catalog.regexp_replace(pg_catalog.regexp_replace(
         pg_catalog.regexp_replace(%I.search_fold($1), %L, %L, %L), %L, %L, %L), %L, %L, %L))',
      current_schema(),
      '[^[:alnum:]]+', ' ', 'g',
      '\m(le|la|les|l|de|des|du|d|un|une|et|ou|en|a|au|aux|ce|ces|cet|cette|que|qu|qui|'
        || 'se|sa|son|ses|il|elle|ils|on|y|est|sont|ont|par|pour|sur|dans|avec|the|an|of|in|'
        || 'to|and|or|for|on|at|by|with|is|are|was|were|be|been|has|have|had|it|its|this|'
        || 'that|these|those|as|from)\M', '', 'g',
      ' {2,}', ' ', 'g'));
END;
$$;

-- The figures of a folded text, distinct and sorted, thousands joined ("300 000", "300,000"
-- and "300000" alike); digits inside a word (co2, g7) are names, not figures.
CREATE FUNCTION reuse_figures(text) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
  SELECT coalesce(array_agg(DISTINCT m[1] ORDER BY m[1]), '{}')
  FROM regexp_matches(
    regexp_replace(regexp_replace($1, '\m([0-9]+) ([0-9]{3})\M', '\1\2', 'g'),
      '\m([0-9]+) ([0-9]{3})\M', '\1\2', 'g'),
    '\m([0-9]+)\M', 'g') AS m
$$;

-- How much two folded texts say the same thing, 0 to 1: their pg_trgm similarity — or 0 when
-- each has a figure the other lacks, since "10 %" and "3 %" make two claims however alike the
-- words. The threshold on it is tuned on the labelled pairs of
-- apps/server/src/testing/paraphrasePairs.ts (scripts/tune-reuse-threshold.ts).
CREATE FUNCTION reuse_score(a text, b text) RETURNS real LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
  SELECT CASE WHEN fa <@ fb OR fb <@ fa THEN similarity(a, b) ELSE 0 END
  FROM (SELECT reuse_figures(a) AS fa, reuse_figures(b) AS fb) x
$$;

-- Each claim's statement and quote, folded once when written: the look-up compares and
-- rechecks these columns instead of folding every candidate again (unaccent is the costly
-- part). Only approved claims are ever suggested, so the trigram indexes hold those alone.
-- fastupdate off: new entries go straight into the index rather than a pending list that
-- every look-up reads through, which only VACUUM empties — and the embedded database has no
-- autovacuum to run it.
ALTER TABLE claims
  ADD COLUMN reuse_statement text GENERATED ALWAYS AS (reuse_fold(statement)) STORED,
  ADD COLUMN reuse_quote text GENERATED ALWAYS AS (reuse_fold(quote_exact)) STORED;
CREATE INDEX claims_reuse_statement_trgm_idx ON claims
  USING gin (reuse_statement gin_trgm_ops) WITH (fastupdate = off) WHERE status = 'approved';
CREATE INDEX claims_reuse_quote_trgm_idx ON claims
  USING gin (reuse_quote gin_trgm_ops) WITH (fastupdate = off) WHERE status = 'approved';

-- Where a reused verdict came from, as it was when it was reused: the source claim (null if
-- it is deleted later) and its document's id and title then (kept if either goes).
ALTER TABLE claims
  ADD COLUMN reused_from_claim_id uuid REFERENCES claims (id) ON DELETE SET NULL,
  ADD COLUMN reused_from_document_id uuid,
  ADD COLUMN reused_from_document_title text,
  ADD COLUMN reused_at timestamptz;
