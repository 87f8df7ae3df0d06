-- Claims anchored in the live text, their verdicts, evidence, assignees, comments and the
-- append-only audit log every change writes in the same transaction.
ALTER TABLE workspaces ADD COLUMN verdict_scale jsonb; -- null: DEFAULT_VERDICT_SCALE

CREATE TABLE claims (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  document_id uuid NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  status text NOT NULL DEFAULT 'open'
    CHECK (status IN ('open', 'assigned', 'in_review', 'verdict_proposed', 'approved')),
  -- The verdict label's key in the workspace's scale.
  verdict text,
  rationale text NOT NULL DEFAULT '',
  statement text NOT NULL DEFAULT '',
  claimant_name text,
  claimant_type text CHECK (claimant_type IN ('person', 'organization')),
  tags text[] NOT NULL DEFAULT '{}',
  -- Base64 Yjs relative positions; the quote selector as it was when the claim was made.
  anchor_start text NOT NULL,
  anchor_end text NOT NULL,
  quote_exact text NOT NULL,
  quote_prefix text NOT NULL DEFAULT '',
  quote_suffix text NOT NULL DEFAULT '',
  -- The text under the anchor the last time it was resolved.
  current_quote text NOT NULL,
  orphaned boolean NOT NULL DEFAULT false,
  version integer NOT NULL DEFAULT 1,
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  proposed_by uuid REFERENCES users (id) ON DELETE SET NULL,
  proposed_at timestamptz,
  approved_by uuid REFERENCES users (id) ON DELETE SET NULL,
  approved_at timestamptz,
  due_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((claimant_name IS NULL) = (claimant_type IS NULL))
);
CREATE INDEX claims_document_id_idx ON claims (document_id, created_at);
CREATE INDEX claims_workspace_id_idx ON claims (workspace_id);

CREATE TABLE claim_assignees (
  claim_id uuid NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  assigned_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (claim_id, user_id)
);
CREATE INDEX claim_assignees_user_id_idx ON claim_assignees (user_id);

CREATE TABLE evidence (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  claim_id uuid NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
  -- WHATWG-normalised http(s) URL; IDN hosts in punycode.
  url text NOT NULL,
  title text NOT NULL DEFAULT '',
  publisher text NOT NULL DEFAULT '',
  excerpt text NOT NULL DEFAULT '',
  archive_url text,
  kind text NOT NULL
    CHECK (kind IN ('primary_source', 'official_data', 'expert', 'news_report', 'other')),
  stance text NOT NULL CHECK (stance IN ('supports', 'refutes', 'context')),
  added_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX evidence_claim_id_idx ON evidence (claim_id, created_at);

CREATE TABLE claim_comments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  claim_id uuid NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
  author_id uuid REFERENCES users (id) ON DELETE SET NULL,
  body text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX claim_comments_claim_id_idx ON claim_comments (claim_id, created_at);

-- Append-only: a bigint id so a reconnecting client catches up "after id N" per document.
CREATE TABLE claim_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  claim_id uuid NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
  document_id uuid NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  -- null: the server itself (re-anchoring, orphaning).
  actor_id uuid REFERENCES users (id) ON DELETE SET NULL,
  type text NOT NULL,
  before jsonb,
  after jsonb,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX claim_events_document_id_id_idx ON claim_events (document_id, id);
CREATE INDEX claim_events_claim_id_id_idx ON claim_events (claim_id, id);

-- History cannot be rewritten: rows are only ever inserted (and go with their claim).
CREATE FUNCTION claim_events_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'claim_events rows cannot be updated';
END;
$$;
CREATE TRIGGER claim_events_no_update BEFORE UPDATE ON claim_events
  FOR EACH ROW EXECUTE FUNCTION claim_events_immutable();
