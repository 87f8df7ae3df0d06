-- Notifications (docs/notifications.md): what happened to someone's work, one row per person,
-- shown in the in-app inbox and sent by e-mail as digests. Rows hold who, what kind and which
-- claim, never a verdict or a rationale: the text is composed when the row is presented.
CREATE TABLE notifications (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  kind text NOT NULL
    CHECK (kind IN ('assigned', 'returned', 'approved', 'due_soon', 'overdue', 'mentioned')),
  claim_id uuid NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
  -- null: the server itself (deadline reminders).
  actor_id uuid REFERENCES users (id) ON DELETE SET NULL,
  comment_id uuid REFERENCES claim_comments (id) ON DELETE CASCADE,
  -- Deadline reminders: the due date they remind of (a new due date reminds again).
  due_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  read_at timestamptz,
  -- Considered for an e-mail digest (sent, or not wanted by e-mail).
  emailed_at timestamptz
);
CREATE INDEX notifications_user_id_idx ON notifications (user_id, created_at DESC);
CREATE INDEX notifications_unread_idx ON notifications (user_id) WHERE read_at IS NULL;
CREATE INDEX notifications_unemailed_idx ON notifications (user_id) WHERE emailed_at IS NULL;
-- Once per claim, per person, per deadline and kind: several instances may run the deadline
-- job at once, and the second insert of the same reminder does nothing.
CREATE UNIQUE INDEX notifications_deadline_once_key ON notifications (user_id, claim_id, kind, due_at)
  WHERE kind IN ('due_soon', 'overdue');

-- Per person: which kinds come by e-mail (all by default; empty: none), and the digest's
-- timing. digest_lease_until keeps two instances from sending the same digest. The
-- unsubscribe link is signed with unsubscribe_key (HMAC): a new key voids every old link.
CREATE TABLE notification_settings (
  user_id uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  email_kinds text[] NOT NULL
    DEFAULT ARRAY['assigned', 'returned', 'approved', 'due_soon', 'overdue', 'mentioned'],
  last_digest_at timestamptz,
  digest_lease_until timestamptz,
  unsubscribe_key uuid NOT NULL DEFAULT gen_random_uuid(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- The deadline scan (every NOTIFICATION_SCAN_MS) reads only claims still being worked on that
-- have a due date: this keeps it from reading every claim each time.
CREATE INDEX claims_due_at_working_idx ON claims (due_at)
  WHERE due_at IS NOT NULL AND status IN ('open', 'assigned', 'in_review');
