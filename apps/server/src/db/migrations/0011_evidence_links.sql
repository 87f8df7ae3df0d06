-- What the link checker last found at each evidence link (docs/evidence-links.md): alive,
-- moved (a permanent redirect to another address), dead (404 or 410), unreachable (no answer,
-- a timeout, another error status), or refused (an address the server does not fetch from).
-- A row of its own, not columns of evidence: checks run daily and must not touch the
-- evidence row, its search entry or its updated_at.
CREATE TABLE evidence_links (
  evidence_id uuid PRIMARY KEY REFERENCES evidence (id) ON DELETE CASCADE,
  -- The URL this row is about: a check that raced an edit of the link is not recorded.
  url text NOT NULL,
  state text NOT NULL DEFAULT 'unchecked'
    CHECK (state IN ('unchecked', 'alive', 'moved', 'dead', 'unreachable', 'refused')),
  http_status integer,
  -- Where the redirects ended, when they ended elsewhere.
  final_url text,
  -- The checker's sentence when there was no usable answer.
  problem text,
  checked_at timestamptz,
  -- When the checker takes the link next: now for a new or edited link, then daily; a
  -- claimed link is pushed ahead by a lease, so two instances never check it at once.
  next_check_at timestamptz NOT NULL DEFAULT now(),
  -- The last "Archive now" (or automatic archiving) that failed, and why.
  archive_problem text,
  archive_tried_at timestamptz
);
CREATE INDEX evidence_links_due_idx ON evidence_links (next_check_at);

-- Every evidence row has its link row; a changed URL is checked again at once.
CREATE FUNCTION evidence_link_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO evidence_links (evidence_id, url) VALUES (NEW.id, NEW.url);
  ELSIF NEW.url IS DISTINCT FROM OLD.url THEN
    UPDATE evidence_links
      SET url = NEW.url, state = 'unchecked', http_status = NULL, final_url = NULL,
        problem = NULL, checked_at = NULL, next_check_at = now()
      WHERE evidence_id = NEW.id;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER evidence_link AFTER INSERT OR UPDATE OF url ON evidence
  FOR EACH ROW EXECUTE FUNCTION evidence_link_sync();

INSERT INTO evidence_links (evidence_id, url) SELECT id, url FROM evidence;
