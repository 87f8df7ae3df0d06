// What claim commands need: the database and the live documents (anchors, live events).
import type { Sql } from '../../db/database.ts';
import type { CollabService } from '../../sync/CollabService.ts';

export interface ClaimDeps {
  sql: Sql;
  collab: CollabService;
}
