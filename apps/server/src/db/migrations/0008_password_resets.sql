-- One-time password reset links: issued by a workspace owner for a member of that workspace,
-- or by the instance administrator on the command line (created_by and workspace_id NULL).
-- Only the SHA-256 of the link's secret is stored. Issuing a new link voids the earlier one:
-- at most one link per person is live (neither used nor voided) at a time.
CREATE TABLE password_resets (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  token_hash bytea NOT NULL UNIQUE,
  created_by uuid REFERENCES users (id) ON DELETE CASCADE,
  workspace_id uuid REFERENCES workspaces (id) ON DELETE CASCADE,
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  voided_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((created_by IS NULL) = (workspace_id IS NULL))
);
CREATE UNIQUE INDEX password_resets_live_key ON password_resets (user_id)
  WHERE used_at IS NULL AND voided_at IS NULL;
