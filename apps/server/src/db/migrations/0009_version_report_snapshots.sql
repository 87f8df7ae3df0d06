-- Reports pinned to a text version (issue 15): what a version's report is made of besides its
-- text — every claim as the report shows it (verdict, rationale, evidence, people, dates,
-- anchors), the document's metadata and the workspace's publishing settings and verdict scale —
-- as they were when the version was saved, so `GET …/report?version=` gives the same report
-- later, whatever changed since. JSON written by apps/server/src/commands/reportSnapshot.ts.
-- NULL: a version saved before this migration, whose report cannot be reproduced (409).
ALTER TABLE doc_versions ADD COLUMN report_snapshot jsonb;
