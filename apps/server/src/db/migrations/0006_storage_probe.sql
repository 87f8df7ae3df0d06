-- One row the storage probe rewrites while saves are failing: a real write, so a read-only or
-- full database fails it the way it fails a save (see apps/server/src/sync/StorageHealth.ts).
CREATE TABLE storage_probe (
  id smallint PRIMARY KEY CHECK (id = 1),
  probed_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO storage_probe (id) VALUES (1);
