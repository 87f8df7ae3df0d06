-- Blind double review: a moderator asks for N independent verdicts on a claim. Each assigned
-- reviewer's verdict is kept here, hidden from the others until all have proposed; agreement
-- figures (Cohen's kappa, Krippendorff's alpha) are computed from these rows.
-- How many independent verdicts a claim needs: 1 is the ordinary single review.
ALTER TABLE workspaces
  ADD COLUMN blind_reviews integer NOT NULL DEFAULT 1 CHECK (blind_reviews BETWEEN 1 AND 5);
ALTER TABLE claims
  -- null: the workspace's setting.
  ADD COLUMN blind_reviews integer CHECK (blind_reviews BETWEEN 1 AND 5),
  -- Reopening a blind-reviewed claim starts a new round; earlier rounds stay for agreement.
  ADD COLUMN review_round integer NOT NULL DEFAULT 1;

CREATE TABLE claim_reviews (
  claim_id uuid NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  round integer NOT NULL,
  reviewer_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  -- The label's key in the workspace's scale, and its rating then (null: not on the ordinal
  -- scale, e.g. "unverifiable"); ordinal agreement reads the rating, so a later change of
  -- scale does not rewrite past agreement.
  verdict text NOT NULL,
  rating double precision,
  rationale text NOT NULL DEFAULT '',
  proposed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (claim_id, round, reviewer_id)
);
CREATE INDEX claim_reviews_workspace_id_idx ON claim_reviews (workspace_id, proposed_at);
CREATE INDEX claim_reviews_reviewer_id_idx ON claim_reviews (reviewer_id);
