// What claim commands need: the database and the live documents (anchors, live events), and
// live delivery of the notifications a write creates (absent: they wait in the inbox).
import type { Sql } from '../../db/database.ts';
import type { LiveDocuments } from '../liveDocuments.ts';
import type { NotificationDelivery } from '../notifications/NotificationDelivery.ts';

export interface ClaimDeps {
  sql: Sql;
  liveDocuments: LiveDocuments;
  notifications?: NotificationDelivery;
}
