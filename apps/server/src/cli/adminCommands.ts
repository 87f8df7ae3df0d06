// The administration commands of `pnpm factdesk`, independent of where they run: in the
// command line's own process, or inside a running server that holds the embedded database.
import {
  IMPORT_FORMATS,
  type ImportFormat,
  isRole,
  PASSWORD_MIN_LENGTH,
  ROLES,
  type Role,
  UUID_PATTERN,
} from '@factdesk/model';
import { REPORT_FORMATS, type ReportFormat } from '@factdesk/report';
import { createUser } from '../commands/accounts.ts';
import { createApiToken } from '../commands/apiTokens.ts';
import { importDocument } from '../commands/documents/importDocument.ts';
import { lockDocument } from '../commands/documents/lockDocument.ts';
import type { LiveDocuments } from '../commands/liveDocuments.ts';
import { issueResetLinkAsAdministrator, resetLinkUrl } from '../commands/passwordResets.ts';
import { addMember, createWorkspace } from '../commands/workspaces.ts';
import { loadConfig } from '../config.ts';
import type { Sql } from '../db/database.ts';
import { migrate } from '../db/migrate.ts';
import { BadRequestError, NotFoundError } from '../errors.ts';
import { HeavyWorkPool } from '../heavyWork/HeavyWorkPool.ts';
import { msg } from '../i18n/translate.ts';
import { findDocument, listDocVersions } from '../queries/documents.ts';
import { findUserByEmail } from '../queries/users.ts';
import { type ReadDocument, readStoredDocument } from '../views/buildReport.ts';
import { exportReport } from '../views/exportReport.ts';

export type AdminCommand =
  | { name: 'migrate' }
  | { name: 'user.create'; email: string; displayName: string; password: string }
  | { name: 'user.resetPassword'; email: string }
  | { name: 'workspace.create'; workspaceName: string; ownerEmail: string }
  | { name: 'member.add'; workspaceId: string; email: string; role: Role }
  | { name: 'token.create'; email: string; tokenName: string }
  | {
      name: 'document.import';
      workspaceId: string;
      format: ImportFormat;
      content: string;
      title?: string;
      sourceUrl?: string;
    }
  | { name: 'document.lock'; documentId: string; locked: boolean }
  | { name: 'document.versions'; documentId: string }
  | {
      name: 'report.export';
      documentId: string;
      format: ReportFormat;
      all: boolean;
      /** A saved text version; omitted: the current text. */
      versionId?: string;
      /** Defaults as the HTTP API's: evidence on, article text off, CSV byte-order mark on. */
      evidence?: boolean;
      articleText?: boolean;
      bom?: boolean;
    };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Checks a command that arrived as JSON (admin socket) or from parsed arguments. */
export function validateAdminCommand(input: unknown): AdminCommand {
  const command = (input ?? {}) as Record<string, unknown>;
  const text = (field: string, max = 200): string => {
    const value = command[field];
    if (typeof value !== 'string' || value.trim() === '' || value.length > max) {
      throw new BadRequestError(`${field} is required (at most ${max} characters).`, field);
    }
    return value;
  };
  const email = (field: string) => {
    const value = text(field, 254);
    if (!EMAIL.test(value))
      throw new BadRequestError(`${field} must be a valid email address.`, field);
    return value;
  };
  switch (command.name) {
    case 'migrate':
      return { name: 'migrate' };
    case 'user.create': {
      const password = text('password', 1024);
      if (password.length < PASSWORD_MIN_LENGTH) {
        throw new BadRequestError(
          `The password must be at least ${PASSWORD_MIN_LENGTH} characters.`,
          'password',
        );
      }
      return {
        name: 'user.create',
        email: email('email'),
        displayName: text('displayName', 80),
        password,
      };
    }
    case 'user.resetPassword':
      return { name: 'user.resetPassword', email: email('email') };
    case 'workspace.create':
      return {
        name: 'workspace.create',
        workspaceName: text('workspaceName', 100),
        ownerEmail: email('ownerEmail'),
      };
    case 'member.add': {
      const workspaceId = text('workspaceId');
      if (!UUID_PATTERN.test(workspaceId))
        throw new BadRequestError('The workspace id must be a UUID.', 'workspaceId');
      const role = command.role;
      if (!isRole(role)) {
        throw new BadRequestError(`The role must be one of ${ROLES.join(', ')}.`, 'role');
      }
      return { name: 'member.add', workspaceId, email: email('email'), role };
    }
    case 'token.create':
      return { name: 'token.create', email: email('email'), tokenName: text('tokenName', 80) };
    case 'document.import': {
      const workspaceId = text('workspaceId');
      if (!UUID_PATTERN.test(workspaceId))
        throw new BadRequestError('The workspace id must be a UUID.', 'workspaceId');
      const format = command.format;
      if (!IMPORT_FORMATS.includes(format as ImportFormat)) {
        throw new BadRequestError('The format must be md, html or txt.', 'format');
      }
      // Emptiness, binary content and size are checked by the import command itself.
      if (typeof command.content !== 'string') {
        throw new BadRequestError('content is required.', 'content');
      }
      return {
        name: 'document.import',
        workspaceId,
        format: format as ImportFormat,
        content: command.content,
        ...(command.title !== undefined ? { title: text('title', 300) } : {}),
        ...(command.sourceUrl !== undefined ? { sourceUrl: text('sourceUrl', 2048) } : {}),
      };
    }
    case 'document.lock': {
      const documentId = text('documentId');
      if (!UUID_PATTERN.test(documentId))
        throw new BadRequestError('The document id must be a UUID.', 'documentId');
      return { name: 'document.lock', documentId, locked: command.locked !== false };
    }
    case 'document.versions': {
      const documentId = text('documentId');
      if (!UUID_PATTERN.test(documentId))
        throw new BadRequestError('The document id must be a UUID.', 'documentId');
      return { name: 'document.versions', documentId };
    }
    case 'report.export': {
      const documentId = text('documentId');
      if (!UUID_PATTERN.test(documentId))
        throw new BadRequestError('The document id must be a UUID.', 'documentId');
      const format = command.format;
      if (!REPORT_FORMATS.includes(format as ReportFormat)) {
        throw new BadRequestError(`The format must be ${REPORT_FORMATS.join(', ')}.`, 'format');
      }
      const flag = (field: 'evidence' | 'articleText' | 'bom') => {
        const value = command[field];
        if (value !== undefined && typeof value !== 'boolean') {
          throw new BadRequestError(`${field} must be true or false.`, field);
        }
        return value === undefined ? {} : { [field]: value };
      };
      let version = {};
      if (command.versionId !== undefined) {
        const versionId = text('versionId');
        if (!UUID_PATTERN.test(versionId))
          throw new BadRequestError('The version id must be a UUID.', 'versionId');
        version = { versionId };
      }
      return {
        name: 'report.export',
        documentId,
        format: format as ReportFormat,
        all: command.all === true,
        ...version,
        ...flag('evidence'),
        ...flag('articleText'),
        ...flag('bom'),
      };
    }
    default:
      throw new BadRequestError(`Unknown command ${String(command.name)}.`, 'name');
  }
}

/**
 * Runs the command; returns what it prints on standard output. `liveDocuments` is the running
 * server's live documents (commands that came through its admin socket): lock changes reach
 * open sockets at once and exports read the live text. Without it (the command line's own
 * process) open sockets elsewhere pick a lock up at their periodic re-check and exports read
 * the stored text. Imports and exports run on `heavyWork` (the server's pool), or on a pool of
 * the command's own, closed when it is done.
 */
export async function runAdminCommand(
  sql: Sql,
  command: AdminCommand,
  liveDocuments?: LiveDocuments,
  heavyWork?: HeavyWorkPool,
): Promise<string> {
  switch (command.name) {
    case 'migrate': {
      const applied = await migrate(sql);
      return applied.length ? `applied ${applied.join(', ')}` : 'database is up to date';
    }
    case 'user.create': {
      const user = await createUser(sql, command);
      return user.id;
    }
    case 'user.resetPassword': {
      // The server's PUBLIC_URL when this runs inside it (admin socket), else this process's.
      const config = loadConfig();
      const { token } = await issueResetLinkAsAdministrator(sql, {
        email: command.email,
        hours: config.passwordResetHours,
      });
      return resetLinkUrl(config.publicUrl, token);
    }
    case 'workspace.create': {
      const owner = await userByEmail(sql, command.ownerEmail);
      const workspace = await createWorkspace(sql, owner.id, command.workspaceName);
      return workspace.id;
    }
    case 'member.add': {
      const member = await addMember(sql, command.workspaceId, command.email, command.role);
      return `${member.email} is ${member.role}`;
    }
    case 'token.create': {
      const user = await userByEmail(sql, command.email);
      const { token } = await createApiToken(sql, user.id, command.tokenName);
      return token;
    }
    case 'document.import': {
      const { name: _name, ...input } = command;
      const config = loadConfig();
      const document = await onPool(heavyWork, (pool) =>
        importDocument(
          sql,
          { ...input, createdBy: null },
          { maxBytes: config.importMaxBytes, maxDocumentBytes: config.sync.maxDocumentBytes },
          pool,
        ),
      );
      // Through a running server: its search copy of the text is made now, not at next start,
      // and open document lists show it.
      liveDocuments?.textWritten(document.id);
      liveDocuments?.documentAdded(document.workspace_id, document.id);
      return document.id;
    }
    case 'document.lock': {
      if (!(await findDocument(sql, command.documentId))) throw new NotFoundError('Document');
      const document = await lockDocument(sql, liveDocuments, command.documentId, command.locked);
      return `${document.id} is ${document.text_locked ? 'locked' : 'unlocked'}`;
    }
    case 'document.versions': {
      if (!(await findDocument(sql, command.documentId))) throw new NotFoundError('Document');
      // One line each, tab-separated: what `export --version` takes, then what tells them apart.
      return (await listDocVersions(sql, command.documentId))
        .map((version) =>
          [
            version.id,
            version.created_at.toISOString(),
            version.kind,
            version.reportable ? 'yes' : 'no',
            version.name ?? '',
          ].join('\t'),
        )
        .join('\n');
    }
    case 'report.export': {
      const document = await findDocument(sql, command.documentId);
      if (!document) throw new NotFoundError('Document');
      // Through a running server the live text; otherwise the stored one (nothing is open).
      // Base64, so the bytes (PDF) survive the admin socket's JSON reply.
      const readDocument: ReadDocument = liveDocuments
        ? (id, read) => liveDocuments.readDocument(id, read)
        : readStoredDocument(sql);
      const { body } = await onPool(heavyWork, (pool) =>
        exportReport({ sql, readDocument, heavyWork: pool }, document, {
          format: command.format,
          scope: command.all ? 'all' : 'approved',
          evidence: command.evidence ?? true,
          articleText: command.articleText ?? false,
          versionId: command.versionId ?? null,
          csvBom: command.bom ?? true,
        }),
      );
      return Buffer.from(body).toString('base64');
    }
  }
}

/** Runs `work` on the server's pool, or on one of the command's own, closed afterwards. */
async function onPool<T>(
  heavyWork: HeavyWorkPool | undefined,
  work: (pool: HeavyWorkPool) => Promise<T>,
): Promise<T> {
  if (heavyWork) return work(heavyWork);
  const pool = new HeavyWorkPool(loadConfig().heavyWork);
  try {
    return await work(pool);
  } finally {
    await pool.close();
  }
}

async function userByEmail(sql: Sql, email: string) {
  const user = await findUserByEmail(sql, email);
  if (!user) throw new NotFoundError(msg('errors.userWithEmailNotFound', { email }));
  return user;
}
