-- Publishing verdicts: the organisation ClaimReview names as author, each document's published
-- fact-check page, the four-eyes rule, verdicts frozen at approval, and what an event is about.
ALTER TABLE workspaces
  -- ClaimReview author: the publishing organisation (null name: the workspace's name).
  ADD COLUMN org_name text,
  ADD COLUMN org_url text,
  ADD COLUMN org_logo_url text,
  -- The approver of a verdict must not be the person who proposed it (owners may override).
  ADD COLUMN four_eyes boolean NOT NULL DEFAULT true;

-- The public page where the fact-check is published; ClaimReview url = <this>#claim-<n>.
ALTER TABLE documents ADD COLUMN fact_check_url text;

-- What approval froze: the verdict's label and rating and the scale's bounds then. Set on
-- approval, cleared on reopening; reports and ClaimReview read these, never the live scale.
ALTER TABLE claims
  ADD COLUMN approved_label text,
  ADD COLUMN approved_rating double precision,
  ADD COLUMN approved_best_rating double precision,
  ADD COLUMN approved_worst_rating double precision,
  -- An owner approved a verdict they proposed themselves, overriding the four-eyes rule.
  ADD COLUMN approval_override boolean NOT NULL DEFAULT false;

-- Claims approved before this migration: freeze them on the scale in force now (the
-- workspace's, else the default scale as it stands at this migration).
UPDATE claims c SET
  approved_label = coalesce(label ->> 'label', c.verdict),
  approved_rating = (label ->> 'ratingValue')::double precision,
  approved_best_rating = (scale ->> 'bestRating')::double precision,
  approved_worst_rating = (scale ->> 'worstRating')::double precision
FROM (
  SELECT c2.id, s.scale, (
    SELECT l FROM jsonb_array_elements(s.scale -> 'labels') l WHERE l ->> 'key' = c2.verdict
  ) AS label
  FROM claims c2
  JOIN workspaces w ON w.id = c2.workspace_id
  CROSS JOIN LATERAL (SELECT coalesce(w.verdict_scale, '{
    "bestRating": 5, "worstRating": 1, "labels": [
      {"key": "true", "label": "True", "ratingValue": 5},
      {"key": "mostly_true", "label": "Mostly true", "ratingValue": 4},
      {"key": "mixed", "label": "Mixed", "ratingValue": 3},
      {"key": "misleading", "label": "Misleading", "ratingValue": 2},
      {"key": "false", "label": "False", "ratingValue": 1},
      {"key": "unverifiable", "label": "Unverifiable", "ratingValue": null}
    ]}'::jsonb) AS scale) s
  WHERE c2.status = 'approved' AND c2.verdict IS NOT NULL
) frozen
WHERE c.id = frozen.id;

-- What an event is about, unchanged by it (the evidence link edited, the verdict approved),
-- so before/after can hold only the fields whose value changed.
ALTER TABLE claim_events ADD COLUMN subject jsonb;
