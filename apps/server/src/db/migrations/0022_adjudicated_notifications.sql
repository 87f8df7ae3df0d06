-- A new notification kind (docs/notifications.md): `adjudicated`, the reviewers of a blind
-- round hear that a moderator decided the claim (never the decision itself).
ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check CHECK (
  kind IN ('assigned', 'returned', 'approved', 'due_soon', 'overdue', 'mentioned', 'adjudicated')
);

-- New people get every kind by e-mail, the new one included.
ALTER TABLE notification_settings ALTER COLUMN email_kinds SET DEFAULT
  ARRAY['assigned', 'returned', 'approved', 'due_soon', 'overdue', 'mentioned', 'adjudicated'];
-- People who already chose: those who still take approvals by e-mail take the decision on a
-- claim they reviewed too (it is the approval of a claim whose verdicts disagreed); those
-- who turned approvals off, or every e-mail, are left as they chose.
UPDATE notification_settings SET email_kinds = email_kinds || ARRAY['adjudicated']
WHERE 'approved' = ANY (email_kinds) AND NOT 'adjudicated' = ANY (email_kinds);
