-- "Archive now" and automatic archiving (docs/evidence-links.md): while a link is being
-- archived it is leased until this time, so a second request (from any instance) is told it is
-- under way instead of asking the archive service twice; a crashed request's lease runs out.
ALTER TABLE evidence_links ADD COLUMN archiving_until timestamptz;
