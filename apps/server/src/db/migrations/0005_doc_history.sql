-- What each document must never merge (see docs/sync.md, "Refused stays refused"): the Yjs
-- clients whose changes it refused, from which clock on, and its lineage — the server client
-- ids (at or above 2^32) that wrote its history by import or restore.
CREATE TABLE doc_refused_clients (
  document_id uuid NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  client_id bigint NOT NULL,
  from_clock bigint NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (document_id, client_id)
);

CREATE TABLE doc_lineage (
  document_id uuid NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  client_id bigint NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (document_id, client_id)
);
