-- Search across a workspace (docs/search.md): one row per searchable thing — a claim's
-- statement, quote, claimant and tags; its rationale; an evidence link's title, host and
-- excerpt; a comment; a document's text — with its tsvector in the text search configuration
-- of the document's language. Claims, evidence and comments keep their rows in step through
-- triggers, in the writing transaction; a document's text is written by the server shortly
-- after its edits are saved (DocumentTextIndexer).
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- Accent- and case-folded text. unaccent(text) is only STABLE (it looks the dictionary up by
-- search_path), so this wrapper names the function and the dictionary by schema, which makes
-- IMMUTABLE true and keeps it usable in indexes whatever the session's search_path.
DO $$
DECLARE
  ext_schema text := (
    SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
    WHERE e.extname = 'unaccent'
  );
BEGIN
  EXECUTE format(
    'CREATE FUNCTION search_fold(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
       AS %L',
    format('SELECT lower(%I.unaccent(%L::regdictionary, $1))', ext_schema, ext_schema || '.unaccent')
  );
END;
$$;

-- One configuration per language PostgreSQL stems, each a copy of the built-in one with
-- unaccent in front of its stemmer (the documented recipe), plus search_simple for documents of
-- unknown language. Which of them exist depends on the server's build; the table records them.
CREATE TABLE search_languages (
  code text PRIMARY KEY, -- ISO 639-1, the primary subtag of documents.language
  config regconfig NOT NULL
);

DO $$
DECLARE
  lang record;
BEGIN
  CREATE TEXT SEARCH CONFIGURATION search_simple (COPY = pg_catalog.simple);
  ALTER TEXT SEARCH CONFIGURATION search_simple
    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;
  FOR lang IN
    SELECT * FROM (VALUES
      ('ar', 'arabic'), ('ca', 'catalan'), ('da', 'danish'), ('de', 'german'),
      ('el', 'greek'), ('en', 'english'), ('es', 'spanish'), ('et', 'estonian'),
      ('eu', 'basque'), ('fi', 'finnish'), ('fr', 'french'), ('ga', 'irish'),
      ('hi', 'hindi'), ('hu', 'hungarian'), ('hy', 'armenian'), ('id', 'indonesian'),
      ('it', 'italian'), ('lt', 'lithuanian'), ('nb', 'norwegian'), ('ne', 'nepali'),
      ('nl', 'dutch'), ('nn', 'norwegian'), ('no', 'norwegian'), ('pt', 'portuguese'),
      ('ro', 'romanian'), ('ru', 'russian'), ('sr', 'serbian'), ('sv', 'swedish'),
      ('ta', 'tamil'), ('tr', 'turkish'), ('yi', 'yiddish')
    ) AS l (code, name)
    WHERE EXISTS (
      SELECT 1 FROM pg_ts_config c JOIN pg_namespace n ON n.oid = c.cfgnamespace
      WHERE n.nspname = 'pg_catalog' AND c.cfgname = l.name
    )
  LOOP
    IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'search_' || lang.name) THEN
      EXECUTE format('CREATE TEXT SEARCH CONFIGURATION %I (COPY = pg_catalog.%I)',
        'search_' || lang.name, lang.name);
      EXECUTE format(
        'ALTER TEXT SEARCH CONFIGURATION %I ALTER MAPPING FOR hword, hword_part, word WITH unaccent, %I',
        'search_' || lang.name, lang.name || '_stem');
    END IF;
    INSERT INTO search_languages (code, config)
      VALUES (lang.code, ('search_' || lang.name)::regconfig);
  END LOOP;
END;
$$;

-- The configuration for a document's language ('fr', 'fr-CA', 'EN'…); search_simple if none.
CREATE FUNCTION search_config(language text) RETURNS regconfig LANGUAGE sql STABLE AS $$
  SELECT coalesce(
    (SELECT config FROM search_languages
     WHERE code = lower(split_part(split_part(language, '-', 1), '_', 1))),
    'search_simple'::regconfig)
$$;

CREATE TABLE search_entries (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  document_id uuid NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  claim_id uuid REFERENCES claims (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('claim', 'rationale', 'evidence', 'comment', 'text')),
  -- The claim (claim, rationale), evidence, comment or document (text) the row is about.
  source_id uuid NOT NULL,
  config regconfig NOT NULL,
  body text NOT NULL,
  -- Searchable but not shown: an evidence host's labels ("insee fr" beside "insee.fr").
  keywords text NOT NULL DEFAULT '',
  tsv tsvector GENERATED ALWAYS AS (to_tsvector(config, body || ' ' || keywords)) STORED,
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (source_id, kind)
);
CREATE INDEX search_entries_tsv_idx ON search_entries USING gin (tsv);
CREATE INDEX search_entries_workspace_idx ON search_entries (workspace_id, kind);
CREATE INDEX search_entries_document_idx ON search_entries (document_id);

-- The words of a workspace, folded: what a misspelt query word is corrected against
-- (pg_trgm similarity). Words are only added; one no longer used matches nothing.
CREATE TABLE search_words (
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  word text NOT NULL,
  PRIMARY KEY (workspace_id, word)
);
CREATE INDEX search_words_trgm_idx ON search_words USING gin (word gin_trgm_ops);

CREATE FUNCTION search_entries_collect_words() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO search_words (workspace_id, word)
    SELECT DISTINCT NEW.workspace_id, w
    FROM unnest(tsvector_to_array(to_tsvector('search_simple', NEW.body))) AS w
    WHERE length(w) BETWEEN 3 AND 40
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END;
$$;
CREATE TRIGGER search_entries_words AFTER INSERT OR UPDATE OF body ON search_entries
  FOR EACH ROW EXECUTE FUNCTION search_entries_collect_words();

-- Writes (or, for empty text, removes) one entry.
CREATE FUNCTION search_put(
  p_workspace uuid, p_document uuid, p_claim uuid, p_kind text, p_source uuid, p_body text,
  p_keywords text DEFAULT ''
) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF coalesce(btrim(p_body), '') = '' THEN
    DELETE FROM search_entries WHERE source_id = p_source AND kind = p_kind;
    RETURN;
  END IF;
  INSERT INTO search_entries
    (workspace_id, document_id, claim_id, kind, source_id, config, body, keywords)
  VALUES (p_workspace, p_document, p_claim, p_kind, p_source,
    search_config((SELECT language FROM documents WHERE id = p_document)), p_body,
    coalesce(p_keywords, ''))
  ON CONFLICT (source_id, kind) DO UPDATE
    SET body = EXCLUDED.body, keywords = EXCLUDED.keywords, config = EXCLUDED.config,
      updated_at = now()
    WHERE search_entries.body IS DISTINCT FROM EXCLUDED.body
       OR search_entries.keywords IS DISTINCT FROM EXCLUDED.keywords
       OR search_entries.config IS DISTINCT FROM EXCLUDED.config;
END;
$$;

CREATE FUNCTION claims_search_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM search_put(NEW.workspace_id, NEW.document_id, NEW.id, 'claim', NEW.id,
    concat_ws(' · ',
      nullif(NEW.statement, ''),
      NEW.current_quote,
      CASE WHEN NEW.quote_exact <> NEW.current_quote THEN NEW.quote_exact END,
      NEW.claimant_name,
      nullif(array_to_string(NEW.tags, ' '), '')));
  PERFORM search_put(NEW.workspace_id, NEW.document_id, NEW.id, 'rationale', NEW.id,
    NEW.rationale);
  RETURN NULL;
END;
$$;
CREATE TRIGGER claims_search AFTER INSERT OR UPDATE OF
  statement, current_quote, quote_exact, claimant_name, tags, rationale ON claims
  FOR EACH ROW EXECUTE FUNCTION claims_search_sync();

CREATE FUNCTION evidence_search_sync() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  owner record;
  host text;
BEGIN
  IF TG_OP = 'DELETE' THEN
    DELETE FROM search_entries WHERE source_id = OLD.id AND kind = 'evidence';
    RETURN NULL;
  END IF;
  SELECT workspace_id, document_id INTO owner FROM claims WHERE id = NEW.claim_id;
  host := substring(NEW.url FROM '^[a-zA-Z][a-zA-Z0-9+.-]*://(?:[^@/?#]*@)?([^:/?#]+)');
  PERFORM search_put(owner.workspace_id, owner.document_id, NEW.claim_id, 'evidence', NEW.id,
    concat_ws(' · ', nullif(NEW.title, ''), host, nullif(NEW.publisher, ''),
      nullif(NEW.excerpt, '')),
    -- The host whole ("insee.fr", in the body) and by label ("insee"): either finds it.
    replace(host, '.', ' '));
  RETURN NULL;
END;
$$;
CREATE TRIGGER evidence_search AFTER INSERT OR UPDATE OR DELETE ON evidence
  FOR EACH ROW EXECUTE FUNCTION evidence_search_sync();

CREATE FUNCTION claim_comments_search_sync() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  owner record;
BEGIN
  IF TG_OP = 'DELETE' THEN
    DELETE FROM search_entries WHERE source_id = OLD.id AND kind = 'comment';
    RETURN NULL;
  END IF;
  SELECT workspace_id, document_id INTO owner FROM claims WHERE id = NEW.claim_id;
  PERFORM search_put(owner.workspace_id, owner.document_id, NEW.claim_id, 'comment', NEW.id,
    NEW.body);
  RETURN NULL;
END;
$$;
CREATE TRIGGER claim_comments_search AFTER INSERT OR UPDATE OR DELETE ON claim_comments
  FOR EACH ROW EXECUTE FUNCTION claim_comments_search_sync();

-- A document's language decides how all its entries are stemmed.
CREATE FUNCTION documents_search_language() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE search_entries SET config = search_config(NEW.language)
  WHERE document_id = NEW.id AND config IS DISTINCT FROM search_config(NEW.language);
  RETURN NULL;
END;
$$;
CREATE TRIGGER documents_search AFTER UPDATE OF language ON documents
  FOR EACH ROW WHEN (OLD.language IS DISTINCT FROM NEW.language)
  EXECUTE FUNCTION documents_search_language();

-- What exists already: claims, evidence and comments now; documents' text is indexed by the
-- server after it starts (it is in Yjs form here).
UPDATE claims SET statement = statement;
UPDATE evidence SET title = title;
UPDATE claim_comments SET body = body;
