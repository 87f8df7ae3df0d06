-- Blind review rounds (docs/claims.md, "Blind review"): a claim whose independent verdicts
-- disagree waits for a moderator's decision in 'adjudication'; who decided is kept on the
-- claim. Evidence, comments and events a blind reviewer adds while the round is blind carry
-- that round, so other readers are not shown them until every verdict is in.
ALTER TABLE claims DROP CONSTRAINT claims_status_check;
ALTER TABLE claims ADD CONSTRAINT claims_status_check
  CHECK (status IN ('open', 'assigned', 'in_review', 'verdict_proposed', 'adjudication', 'approved'));
ALTER TABLE claims
  ADD COLUMN adjudicated_by uuid REFERENCES users (id) ON DELETE SET NULL,
  ADD COLUMN adjudicated_at timestamptz;

-- null: visible to every reader of the claim; a round: hidden from the claim's other blind
-- reviewers (and from readers below moderator) while that round is blind.
ALTER TABLE evidence ADD COLUMN blind_round integer;
ALTER TABLE claim_comments ADD COLUMN blind_round integer;
ALTER TABLE claim_events ADD COLUMN blind_round integer;
