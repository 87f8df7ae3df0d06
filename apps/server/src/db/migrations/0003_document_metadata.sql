-- Documents as articles: their metadata, archiving, named and automatic text versions, and
-- tombstones so a deleted document's id is never used again.
ALTER TABLE documents
  ADD COLUMN source_url text,
  ADD COLUMN outlet text,
  ADD COLUMN author text,
  ADD COLUMN published_on date,
  ADD COLUMN language text,
  -- The format the article was imported from (md, html, txt); null for documents made otherwise.
  ADD COLUMN source_format text CHECK (source_format IN ('md', 'html', 'txt')),
  ADD COLUMN archived_at timestamptz;
CREATE INDEX documents_workspace_id_archived_idx ON documents (workspace_id, (archived_at IS NULL));

-- Every deleted document leaves its id here (and nothing else), whatever deleted it: the
-- API, or a workspace's deletion cascading. Inserting a document with such an id fails.
CREATE TABLE document_tombstones (
  id uuid PRIMARY KEY,
  deleted_at timestamptz NOT NULL DEFAULT now()
);

CREATE FUNCTION documents_write_tombstone() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO document_tombstones (id) VALUES (OLD.id) ON CONFLICT DO NOTHING;
  RETURN OLD;
END;
$$;
CREATE TRIGGER documents_tombstone AFTER DELETE ON documents
  FOR EACH ROW EXECUTE FUNCTION documents_write_tombstone();

CREATE FUNCTION documents_refuse_reused_id() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM document_tombstones WHERE id = NEW.id) THEN
    RAISE EXCEPTION 'document id % belonged to a deleted document', NEW.id
      USING ERRCODE = 'unique_violation';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER documents_never_reuse_id BEFORE INSERT OR UPDATE OF id ON documents
  FOR EACH ROW EXECUTE FUNCTION documents_refuse_reused_id();

-- Snapshots of the text over time: automatic (at import, before a restore) and named by
-- moderators. `state` is a full Yjs update (Y.encodeStateAsUpdate) of the document then.
CREATE TABLE doc_versions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  document_id uuid NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('import', 'named', 'before_restore')),
  name text,
  state bytea NOT NULL,
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind = 'named') = (name IS NOT NULL))
);
CREATE INDEX doc_versions_document_id_idx ON doc_versions (document_id, created_at);
