-- The commenter role, between viewer and reviewer: reads everything and comments on claims.
ALTER TABLE memberships DROP CONSTRAINT memberships_role_check;
ALTER TABLE memberships ADD CONSTRAINT memberships_role_check
  CHECK (role IN ('owner', 'moderator', 'reviewer', 'commenter', 'viewer'));
ALTER TABLE invites DROP CONSTRAINT invites_role_check;
ALTER TABLE invites ADD CONSTRAINT invites_role_check
  CHECK (role IN ('owner', 'moderator', 'reviewer', 'commenter', 'viewer'));
ALTER TABLE workspaces DROP CONSTRAINT workspaces_open_signup_role_check;
ALTER TABLE workspaces ADD CONSTRAINT workspaces_open_signup_role_check
  CHECK (open_signup_role IN ('reviewer', 'commenter', 'viewer'));
