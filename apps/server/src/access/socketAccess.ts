// Who may open a document's socket, decided once on the HTTP upgrade (and again whenever
// their access changes): credentials (session cookie with an allowed Origin, or an API token
// as ?token= or Bearer), membership of the document's workspace, and read-only or not.
import { caretColorOf, UUID_PATTERN } from '@factdesk/model';
import { CloseCodes } from '@factdesk/sync';
import type { FastifyRequest } from 'fastify';
import { hashSecret, isSecretOf } from '../auth/secrets.ts';
import { SESSION_COOKIE } from '../auth/sessionCookie.ts';
import type { Queryable } from '../db/database.ts';
import {
  findSocketAccess,
  findSocketAccessForDocuments,
  type SocketAccessRow,
} from '../queries/documents.ts';
import { can } from './policies.ts';

/** What a socket was authorised by: enough to decide again without the request. */
export interface SocketAuth {
  documentId: string;
  workspaceId: string;
  userId: string;
  credential:
    | { via: 'session'; id: string; hash: Buffer }
    | { via: 'token'; id: string; hash: Buffer };
}

export type SocketDecision =
  | {
      ok: true;
      auth: SocketAuth;
      readOnly: boolean;
      identity: { userId: string; name: string; color: string };
    }
  | { ok: false; close: { code: number; reason: string } };

/** The credential an upgrade request carries, read without touching the database. */
export function upgradeCredential(
  request: FastifyRequest,
  allowedOrigins: ReadonlySet<string>,
): { via: 'session' | 'token'; secret: string } | { refuse: { code: number; reason: string } } {
  const query = request.query as Record<string, unknown>;
  const header = request.headers.authorization;
  const bearer = header ? /^Bearer\s+(\S+)$/i.exec(header)?.[1] : undefined;
  const token = typeof query.token === 'string' ? query.token : bearer;
  if (token !== undefined || header !== undefined) {
    if (!token || !isSecretOf('token', token)) {
      return { refuse: { ...CloseCodes.unauthenticated, reason: 'API token is malformed' } };
    }
    return { via: 'token', secret: token };
  }
  const cookie = request.cookies[SESSION_COOKIE];
  if (!cookie || !isSecretOf('session', cookie)) return { refuse: CloseCodes.unauthenticated };
  // Browsers send Origin on every WebSocket: a page elsewhere must not ride the cookie.
  const origin = request.headers.origin;
  if (!origin || !allowedOrigins.has(origin)) {
    return { refuse: { ...CloseCodes.forbidden, reason: 'origin not allowed' } };
  }
  return { via: 'session', secret: cookie };
}

export async function decideAccess(
  sql: Queryable,
  documentId: string,
  credential: { via: 'session' | 'token'; hash: Buffer },
): Promise<SocketDecision> {
  const access = await findSocketAccess(
    sql,
    credential,
    UUID_PATTERN.test(documentId) ? documentId : null,
  );
  return decisionOf(access, credential);
}

/**
 * `decideAccess` for one credential's sockets on many documents, in one statement per
 * `DOCUMENTS_PER_STATEMENT` documents: a decision per document id.
 */
export async function decideAccessForDocuments(
  sql: Queryable,
  documentIds: string[],
  credential: { via: 'session' | 'token'; hash: Buffer },
): Promise<Map<string, SocketDecision>> {
  const decisions = new Map<string, SocketDecision>();
  const ids = documentIds.filter((id) => UUID_PATTERN.test(id));
  for (let from = 0; from < ids.length; from += DOCUMENTS_PER_STATEMENT) {
    const batch = ids.slice(from, from + DOCUMENTS_PER_STATEMENT);
    const rows = await findSocketAccessForDocuments(sql, credential, batch);
    const byDocument = new Map(rows.map((row) => [row.document_id, row]));
    for (const id of batch) decisions.set(id, decisionOf(byDocument.get(id), credential));
  }
  for (const id of documentIds) {
    if (!decisions.has(id)) decisions.set(id, { ok: false, close: CloseCodes.notFound });
  }
  return decisions;
}

/** A statement's worth: small enough that a socket opening meanwhile never waits long behind it. */
const DOCUMENTS_PER_STATEMENT = 500;

/** The decision the rows make: `access` undefined means the credential is not live. */
function decisionOf(
  access: SocketAccessRow | undefined,
  credential: { via: 'session' | 'token'; hash: Buffer },
): SocketDecision {
  if (!access) {
    const reason = credential.via === 'session' ? 'session ended' : 'API token unknown or revoked';
    return { ok: false, close: { ...CloseCodes.unauthenticated, reason } };
  }
  const userId = access.user_id;
  // Not a member (or no such document): the same answer, so a document's existence never leaks.
  if (!access.role) return { ok: false, close: CloseCodes.notFound };
  if (access.display_name === null) return { ok: false, close: CloseCodes.unauthenticated };
  return {
    ok: true,
    auth: {
      // As the database spells it, not as the URL did: the id keys the document's room, so
      // one spelled in capitals must find the same room, and a slice of the upgrade's URL
      // would keep the whole URL (its token among it) alive as long as the room.
      documentId: access.document_id!, // a role means the document is there
      workspaceId: access.workspace_id!,
      userId,
      credential: { via: credential.via, id: access.credential_id, hash: credential.hash },
    },
    // Viewers never write; while the source text is locked, nobody does.
    readOnly: !can(access.role, 'document.edit') || access.text_locked === true,
    identity: { userId, name: access.display_name, color: colorOf(userId) },
  };
}

export function credentialHash(secret: string): Buffer {
  return hashSecret(secret);
}

/** A user's caret colour: stable across sessions and devices (the palette is in model). */
export const colorOf = caretColorOf;
