// SQL for documents: the rows that own a Yjs state, who may open them, their metadata, the
// workspace's list with claim counts, and their text versions.
import type { ClaimStatus, DocumentVersionKind, ImportFormat, Role } from '@factdesk/model';
import type { Queryable } from '../db/database.ts';
import { credentialFound } from './sessions.ts';

export interface DocumentRow {
  id: string;
  workspace_id: string;
  title: string;
  text_locked: boolean;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
  source_url: string | null;
  outlet: string | null;
  author: string | null;
  /** YYYY-MM-DD (read as text: a date has no time zone to shift). */
  published_on: string | null;
  language: string | null;
  source_format: ImportFormat | null;
  archived_at: Date | null;
  /** Where the fact-check is published (ClaimReview url). */
  fact_check_url: string | null;
}

export interface DocumentMetadata {
  title?: string;
  sourceUrl?: string | null;
  outlet?: string | null;
  author?: string | null;
  publishedOn?: string | null;
  language?: string | null;
  factCheckUrl?: string | null;
}

const COLUMNS = `id, workspace_id, title, text_locked, created_by, created_at, updated_at,
  source_url, outlet, author, published_on::text AS published_on, language, source_format,
  archived_at, fact_check_url`;

export async function insertDocument(
  sql: Queryable,
  values: {
    workspaceId: string;
    title: string;
    /** null for imports from the command line (no user behind them). */
    createdBy: string | null;
    textLocked: boolean;
    sourceFormat?: ImportFormat;
  } & Omit<DocumentMetadata, 'title'>,
): Promise<DocumentRow> {
  const [row] = await sql<DocumentRow[]>`
    INSERT INTO documents (workspace_id, title, created_by, text_locked, source_url, outlet,
      author, published_on, language, source_format)
    VALUES (${values.workspaceId}, ${values.title}, ${values.createdBy}, ${values.textLocked},
      ${values.sourceUrl ?? null}, ${values.outlet ?? null}, ${values.author ?? null},
      ${values.publishedOn ?? null}, ${values.language ?? null}, ${values.sourceFormat ?? null})
    RETURNING ${sql.unsafe(COLUMNS)}`;
  if (!row) throw new Error('INSERT … RETURNING gave no row');
  return row;
}

export interface SocketAccessRow {
  /** The document's id as the database spells it (null when there is no such document). */
  document_id: string | null;
  /** The session's or API token's id, and whose it is. */
  credential_id: string;
  user_id: string;
  /** Null when there is no such document. */
  workspace_id: string | null;
  text_locked: boolean | null;
  /** The user's role in the document's workspace; null when they are not a member. */
  role: Role | null;
  /** The user's name (null: no such user). */
  display_name: string | null;
}

/**
 * Everything a socket's upgrade decides on, in one statement (one round trip for each socket
 * that opens): the live credential, touched as any request touches it, and the user's role and
 * name in the document's workspace. No row: no such live credential. `documentId` null: a
 * credential check only (the id is not a document's).
 */
export async function findSocketAccess(
  sql: Queryable,
  credential: { via: 'session' | 'token'; hash: Buffer },
  documentId: string | null,
): Promise<SocketAccessRow | undefined> {
  const [row] = await sql<SocketAccessRow[]>`
    WITH ${credentialFound(sql, credential.via, credential.hash)}
    SELECT found.id AS credential_id, found.user_id, d.id AS document_id, d.workspace_id,
      d.text_locked, m.role, u.display_name
    FROM found
    LEFT JOIN documents d ON d.id = ${documentId}
    LEFT JOIN memberships m ON m.workspace_id = d.workspace_id AND m.user_id = found.user_id
    LEFT JOIN users u ON u.id = found.user_id`;
  return row;
}

/**
 * `findSocketAccess` for many documents and one credential, in one statement: one row per
 * document (its `workspace_id` null when there is no such document). No rows: no such live
 * credential. The periodic re-check of open sockets uses it, so its cost grows with the
 * credentials in use, not with the documents open.
 */
export async function findSocketAccessForDocuments(
  sql: Queryable,
  credential: { via: 'session' | 'token'; hash: Buffer },
  documentIds: string[],
): Promise<SocketAccessRow[]> {
  return sql<SocketAccessRow[]>`
    WITH ${credentialFound(sql, credential.via, credential.hash)}
    SELECT found.id AS credential_id, found.user_id, wanted.id AS document_id, d.workspace_id,
      d.text_locked, m.role, u.display_name
    FROM found
    CROSS JOIN unnest(${documentIds}::uuid[]) AS wanted(id)
    LEFT JOIN documents d ON d.id = wanted.id
    LEFT JOIN memberships m ON m.workspace_id = d.workspace_id AND m.user_id = found.user_id
    LEFT JOIN users u ON u.id = found.user_id`;
}

/** The document with the user's role in its workspace (null role: not a member). */
export async function findDocumentForUser(
  sql: Queryable,
  documentId: string,
  userId: string,
  options: { forUpdate?: boolean } = {},
): Promise<(DocumentRow & { role: Role | null }) | undefined> {
  const [row] = await sql<(DocumentRow & { role: Role | null })[]>`
    SELECT ${sql.unsafe(COLUMNS.replace(/(^|,\s*)(\w+)/g, '$1d.$2'))}, m.role
    FROM documents d
    LEFT JOIN memberships m ON m.workspace_id = d.workspace_id AND m.user_id = ${userId}
    WHERE d.id = ${documentId}
    ${options.forUpdate ? sql`FOR UPDATE OF d` : sql``}`;
  return row;
}

export async function findDocument(
  sql: Queryable,
  documentId: string,
): Promise<DocumentRow | undefined> {
  const [row] = await sql<DocumentRow[]>`
    SELECT ${sql.unsafe(COLUMNS)} FROM documents WHERE id = ${documentId}`;
  return row;
}

export async function updateDocumentMetadata(
  sql: Queryable,
  documentId: string,
  changes: DocumentMetadata,
): Promise<DocumentRow> {
  const set: Record<string, unknown> = {};
  if (changes.title !== undefined) set.title = changes.title;
  if (changes.sourceUrl !== undefined) set.source_url = changes.sourceUrl;
  if (changes.outlet !== undefined) set.outlet = changes.outlet;
  if (changes.author !== undefined) set.author = changes.author;
  if (changes.publishedOn !== undefined) set.published_on = changes.publishedOn;
  if (changes.language !== undefined) set.language = changes.language;
  if (changes.factCheckUrl !== undefined) set.fact_check_url = changes.factCheckUrl;
  // postgres.js reads `SET ${sql(object)}` as an assignment list only right after SET.
  const [row] = Object.keys(set).length
    ? await sql<DocumentRow[]>`
        UPDATE documents SET ${sql(set)}, updated_at = now()
        WHERE id = ${documentId}
        RETURNING ${sql.unsafe(COLUMNS)}`
    : await sql<DocumentRow[]>`
        UPDATE documents SET updated_at = now() WHERE id = ${documentId}
        RETURNING ${sql.unsafe(COLUMNS)}`;
  if (!row) throw new Error('UPDATE … RETURNING gave no row');
  return row;
}

export async function setTextLocked(
  sql: Queryable,
  documentId: string,
  locked: boolean,
): Promise<DocumentRow> {
  const [row] = await sql<DocumentRow[]>`
    UPDATE documents SET text_locked = ${locked}, updated_at = now()
    WHERE id = ${documentId}
    RETURNING ${sql.unsafe(COLUMNS)}`;
  if (!row) throw new Error('UPDATE … RETURNING gave no row');
  return row;
}

export async function setArchived(
  sql: Queryable,
  documentId: string,
  archived: boolean,
): Promise<DocumentRow> {
  const [row] = await sql<DocumentRow[]>`
    UPDATE documents
    SET archived_at = ${archived ? sql`coalesce(archived_at, now())` : null}, updated_at = now()
    WHERE id = ${documentId}
    RETURNING ${sql.unsafe(COLUMNS)}`;
  if (!row) throw new Error('UPDATE … RETURNING gave no row');
  return row;
}

/** Deletes the row; updates, snapshots, versions and claims go with it (ON DELETE CASCADE). */
/** Deletes the document; its workspace's id, or undefined when there was no such document. */
export async function deleteDocumentRow(
  sql: Queryable,
  documentId: string,
): Promise<string | undefined> {
  const rows = await sql<{ workspace_id: string }[]>`
    DELETE FROM documents WHERE id = ${documentId} RETURNING workspace_id`;
  return rows[0]?.workspace_id;
}

export interface DocumentListRow extends DocumentRow {
  /** The later of the metadata's and the text's last change. */
  last_change_at: Date;
  /** last_change_at or the newest claim event, whichever is later. */
  last_activity_at: Date;
  claim_status_counts: Partial<Record<ClaimStatus, number>> | null;
  claim_verdict_counts: Record<string, number> | null;
}

export async function listDocuments(
  sql: Queryable,
  workspaceId: string,
  filters: { q?: string; archived?: boolean },
): Promise<DocumentListRow[]> {
  const words = (filters.q ?? '').trim().split(/\s+/).filter(Boolean);
  // One fragment: postgres.js would send an array of fragments as a parameter.
  const search = words.reduce((fragment, word) => {
    const pattern = `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    return sql`${fragment} AND (d.title ILIKE ${pattern} OR coalesce(d.outlet, '') ILIKE ${pattern})`;
  }, sql``);
  // Claim events: the newest by id, which the (document_id, id) index finds at once.
  return sql<DocumentListRow[]>`
    SELECT *, greatest(last_change_at, last_claim_event_at) AS last_activity_at FROM (
    SELECT ${sql.unsafe(COLUMNS.replace(/(^|,\s*)(\w+)/g, '$1d.$2'))},
      greatest(d.updated_at,
        (SELECT max(u.created_at) FROM doc_updates u WHERE u.document_id = d.id),
        (SELECT s.updated_at FROM doc_snapshots s WHERE s.document_id = d.id)
      ) AS last_change_at,
      (SELECT e.created_at FROM claim_events e WHERE e.document_id = d.id
        ORDER BY e.id DESC LIMIT 1) AS last_claim_event_at,
      (SELECT jsonb_object_agg(status, n) FROM (
        SELECT c.status, count(*)::int AS n FROM claims c WHERE c.document_id = d.id
        GROUP BY c.status) s) AS claim_status_counts,
      (SELECT jsonb_object_agg(verdict, n) FROM (
        SELECT c.verdict, count(*)::int AS n FROM claims c
        WHERE c.document_id = d.id AND c.verdict IS NOT NULL GROUP BY c.verdict) v)
        AS claim_verdict_counts
    FROM documents d
    WHERE d.workspace_id = ${workspaceId}
      AND ${filters.archived ? sql`d.archived_at IS NOT NULL` : sql`d.archived_at IS NULL`}
      ${search}
    ) listed
    ORDER BY last_activity_at DESC, id`;
}

export async function isDocumentIdRetired(sql: Queryable, documentId: string): Promise<boolean> {
  const [row] = await sql<{ retired: boolean }[]>`
    SELECT EXISTS (SELECT 1 FROM document_tombstones WHERE id = ${documentId}) AS retired`;
  return row?.retired ?? false;
}

export interface DocVersionRow {
  id: string;
  document_id: string;
  kind: DocumentVersionKind;
  name: string | null;
  created_by: string | null;
  created_at: Date;
  /** Its report can be made: the claims were saved with it (migration 0009 on). */
  reportable: boolean;
}

export interface StoredDocVersion extends DocVersionRow {
  state: Uint8Array;
  /** What its report is made of besides the text (views/reportSnapshot.ts); null before 0009. */
  report_snapshot: unknown;
}

const VERSION_COLUMNS = `id, document_id, kind, name, created_by, created_at,
  report_snapshot IS NOT NULL AS reportable`;

export async function insertDocVersion(
  sql: Queryable,
  values: {
    documentId: string;
    kind: DocumentVersionKind;
    name: string | null;
    state: Uint8Array;
    createdBy: string | null;
    /** JSON (views/reportSnapshot.ts). */
    reportSnapshot: object;
  },
): Promise<DocVersionRow> {
  const [row] = await sql<DocVersionRow[]>`
    INSERT INTO doc_versions (document_id, kind, name, state, created_by, report_snapshot)
    VALUES (${values.documentId}, ${values.kind}, ${values.name}, ${Buffer.from(values.state)},
      ${values.createdBy}, ${sql.json(values.reportSnapshot as never)})
    RETURNING ${sql.unsafe(VERSION_COLUMNS)}`;
  if (!row) throw new Error('INSERT … RETURNING gave no row');
  return row;
}

export async function listDocVersions(
  sql: Queryable,
  documentId: string,
): Promise<DocVersionRow[]> {
  return sql<DocVersionRow[]>`
    SELECT ${sql.unsafe(VERSION_COLUMNS)} FROM doc_versions
    WHERE document_id = ${documentId}
    ORDER BY created_at DESC, id DESC`;
}

export async function findDocVersion(
  sql: Queryable,
  documentId: string,
  versionId: string,
): Promise<StoredDocVersion | undefined> {
  const [row] = await sql<(DocVersionRow & { state: Buffer; report_snapshot: unknown })[]>`
    SELECT ${sql.unsafe(VERSION_COLUMNS)}, state, report_snapshot FROM doc_versions
    WHERE document_id = ${documentId} AND id = ${versionId}`;
  return row ? { ...row, state: new Uint8Array(row.state) } : undefined;
}
