// What a workspace's live stream (GET /api/workspaces/:id/events) says: only that something
// changed and where, never what. Lists fetch again through the REST API, which applies every
// reader's rules (blind review, roles), so the stream can be the same for every member.
import { type Static, Type } from 'typebox';
import { Uuid } from './schemas.ts';

export const WorkspaceEvent = Type.Union([
  /** A claim of this document changed: created, assigned, decided, its evidence or comments. */
  Type.Object({ kind: Type.Literal('claims'), documentId: Uuid }),
  /** A document was imported, renamed, locked, archived or deleted. */
  Type.Object({ kind: Type.Literal('documents'), documentId: Type.Optional(Uuid) }),
  /** Someone opened or left the document (the documents list shows who is in each). */
  Type.Object({ kind: Type.Literal('presence'), documentId: Uuid }),
]);
export type WorkspaceEvent = Static<typeof WorkspaceEvent>;
