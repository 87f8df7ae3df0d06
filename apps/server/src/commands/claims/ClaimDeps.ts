// What claim commands need: the database and the live documents (anchors, live events).
import type { Sql } from '../../db/database.ts';
import type { LiveDocuments } from '../liveDocuments.ts';

export interface ClaimDeps {
  sql: Sql;
  liveDocuments: LiveDocuments;
}
