-- Shared documents and their Yjs state: an append-only log of updates (group-committed
-- batches) compacted now and then into one snapshot per document.
CREATE TABLE documents (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  title text NOT NULL,
  text_locked boolean NOT NULL DEFAULT true,
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX documents_workspace_id_idx ON documents (workspace_id);

CREATE TABLE doc_updates (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  document_id uuid NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  payload bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX doc_updates_document_id_id_idx ON doc_updates (document_id, id);

CREATE TABLE doc_snapshots (
  document_id uuid PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
  state bytea NOT NULL,
  -- Every update with an id up to this one is merged into `state`.
  through_update_id bigint NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
