// Documents: import, list, metadata, lock, archive, delete, and text versions. Each route:
// schema → access (membership + policy) → command → presenter.
import { articlePlainText, articleToHtml } from '@factdesk/editor';
import {
  CreateVersionBody,
  DocumentListItem,
  DocumentListQuery,
  DocumentSchema,
  DocumentVersion,
  DocumentVersionContent,
  ErrorBody,
  ImportDocumentBody,
  UpdateDocumentBody,
  Uuid,
} from '@factdesk/model';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { documentAccess } from '../../access/documentAccess.ts';
import { workspaceAccess } from '../../access/workspaceAccess.ts';
import { archiveDocument } from '../../commands/documents/archiveDocument.ts';
import { deleteDocument } from '../../commands/documents/deleteDocument.ts';
import { importDocument } from '../../commands/documents/importDocument.ts';
import { lockDocument } from '../../commands/documents/lockDocument.ts';
import { restoreTextVersion, versionArticle } from '../../commands/documents/restoreTextVersion.ts';
import { saveTextVersion } from '../../commands/documents/saveTextVersion.ts';
import { updateDocumentMetadata } from '../../commands/documents/updateDocumentMetadata.ts';
import { NotFoundError } from '../../errors.ts';
import { requireActor } from '../../plugins/auth.ts';
import {
  presentDocument,
  presentDocumentListItem,
  presentDocumentVersion,
} from '../../presenters/documents.ts';
import { findDocVersion, listDocuments, listDocVersions } from '../../queries/documents.ts';

const errors = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  409: ErrorBody,
  413: ErrorBody,
  415: ErrorBody,
  422: ErrorBody,
  503: ErrorBody,
};
const WorkspaceParams = Type.Object({ workspaceId: Uuid });
const DocumentParams = Type.Object({ documentId: Uuid });
const VersionParams = Type.Object({ documentId: Uuid, versionId: Uuid });

export const documentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['documents'];

  app.post(
    '/workspaces/:workspaceId/documents',
    {
      // JSON escaping can double the text; the import's own limit gives the clear 400.
      bodyLimit: app.config.importMaxBytes * 2 + 64 * 1024,
      schema: {
        tags,
        summary: 'Import an article (Markdown, HTML or plain text) as a new document (moderators)',
        params: WorkspaceParams,
        body: ImportDocumentBody,
        response: { 201: DocumentSchema, ...errors },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const { workspaceId } = request.params;
      const membership = await workspaceAccess(
        app.db,
        actor.userId,
        workspaceId,
        'document.import',
      );
      const row = await importDocument(
        app.db,
        { ...request.body, workspaceId, createdBy: actor.userId },
        {
          maxBytes: app.config.importMaxBytes,
          maxDocumentBytes: app.config.sync.maxDocumentBytes,
        },
        app.heavyWork,
      );
      app.liveDocuments.textWritten(row.id);
      app.liveDocuments.documentAdded(workspaceId, row.id);
      return reply.status(201).send(presentDocument(row, membership.role));
    },
  );

  app.get(
    '/workspaces/:workspaceId/documents',
    {
      schema: {
        tags,
        summary:
          'Documents of the workspace with claim counts, who is in them now and their last activity; ?q= searches title and outlet',
        params: WorkspaceParams,
        querystring: DocumentListQuery,
        response: { 200: Type.Array(DocumentListItem), ...errors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { workspaceId } = request.params;
      await workspaceAccess(app.db, actor.userId, workspaceId, 'document.read');
      const rows = await listDocuments(app.db, workspaceId, request.query);
      return rows.map((row) =>
        presentDocumentListItem(row, app.liveDocuments.presentUsers(row.id)),
      );
    },
  );

  app.get(
    '/documents/:documentId',
    {
      schema: {
        tags,
        summary: 'A document’s metadata, lock state and your abilities in it',
        params: DocumentParams,
        response: { 200: DocumentSchema, ...errors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const row = await documentAccess(
        app.db,
        actor.userId,
        request.params.documentId,
        'document.read',
      );
      return presentDocument(row, row.role);
    },
  );

  app.patch(
    '/documents/:documentId',
    {
      schema: {
        tags,
        summary: 'Edit a document’s metadata (moderators)',
        params: DocumentParams,
        body: UpdateDocumentBody,
        response: { 200: DocumentSchema, ...errors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { documentId } = request.params;
      const { role } = await documentAccess(app.db, actor.userId, documentId, 'document.import');
      const row = await updateDocumentMetadata(app.db, app.liveDocuments, documentId, request.body);
      return presentDocument(row, role);
    },
  );

  for (const [verb, locked] of [
    ['lock', true],
    ['unlock', false],
  ] as const) {
    app.post(
      `/documents/:documentId/${verb}`,
      {
        schema: {
          tags,
          summary: locked
            ? 'Lock the source text: every socket becomes read-only (moderators)'
            : 'Unlock the source text for draft editing (moderators)',
          params: DocumentParams,
          response: { 200: DocumentSchema, ...errors },
        },
      },
      async (request) => {
        const actor = requireActor(request);
        const { documentId } = request.params;
        const { role } = await documentAccess(app.db, actor.userId, documentId, 'document.lock');
        return presentDocument(
          await lockDocument(app.db, app.liveDocuments, documentId, locked),
          role,
        );
      },
    );
  }

  for (const [verb, archived] of [
    ['archive', true],
    ['unarchive', false],
  ] as const) {
    app.post(
      `/documents/:documentId/${verb}`,
      {
        schema: {
          tags,
          summary: archived
            ? 'Archive the document (moderators)'
            : 'Bring an archived document back (moderators)',
          params: DocumentParams,
          response: { 200: DocumentSchema, ...errors },
        },
      },
      async (request) => {
        const actor = requireActor(request);
        const { documentId } = request.params;
        const { role } = await documentAccess(app.db, actor.userId, documentId, 'document.archive');
        return presentDocument(
          await archiveDocument(app.db, app.liveDocuments, documentId, archived),
          role,
        );
      },
    );
  }

  app.delete(
    '/documents/:documentId',
    {
      schema: {
        tags,
        summary: 'Delete the document and everything of it; its id is never reused (moderators)',
        params: DocumentParams,
        response: { 204: {}, ...errors },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const { documentId } = request.params;
      await documentAccess(app.db, actor.userId, documentId, 'document.delete');
      await deleteDocument(app.db, app.liveDocuments, documentId);
      return reply.status(204).send();
    },
  );

  app.get(
    '/documents/:documentId/versions',
    {
      schema: {
        tags,
        summary: 'Text versions, newest first (automatic and named)',
        params: DocumentParams,
        response: { 200: Type.Array(DocumentVersion), ...errors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { documentId } = request.params;
      await documentAccess(app.db, actor.userId, documentId, 'document.read');
      return (await listDocVersions(app.db, documentId)).map(presentDocumentVersion);
    },
  );

  app.post(
    '/documents/:documentId/versions',
    {
      schema: {
        tags,
        summary: 'Save the current text as a named version (moderators)',
        params: DocumentParams,
        body: CreateVersionBody,
        response: { 201: DocumentVersion, ...errors },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const { documentId } = request.params;
      await documentAccess(app.db, actor.userId, documentId, 'document.lock');
      const row = await saveTextVersion(app.db, app.liveDocuments, {
        documentId,
        name: request.body.name.trim() || 'Untitled version',
        kind: 'named',
        createdBy: actor.userId,
      });
      return reply.status(201).send(presentDocumentVersion(row));
    },
  );

  app.get(
    '/documents/:documentId/versions/:versionId',
    {
      schema: {
        tags,
        summary: 'An old version’s text, as article JSON, HTML and plain text',
        params: VersionParams,
        response: { 200: DocumentVersionContent, ...errors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { documentId, versionId } = request.params;
      await documentAccess(app.db, actor.userId, documentId, 'document.read');
      const version = await findDocVersion(app.db, documentId, versionId);
      if (!version) throw new NotFoundError('Version');
      const article = versionArticle(version.state);
      return {
        version: presentDocumentVersion(version),
        article,
        html: articleToHtml(article),
        text: articlePlainText(article),
      };
    },
  );

  app.post(
    '/documents/:documentId/versions/:versionId/restore',
    {
      schema: {
        tags,
        summary:
          'Restore an old version as a new change; the current text is saved first (moderators)',
        params: VersionParams,
        response: {
          200: Type.Object({ restored: DocumentVersion, saved: DocumentVersion }),
          ...errors,
        },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { documentId, versionId } = request.params;
      await documentAccess(app.db, actor.userId, documentId, 'document.lock');
      const { restored, saved } = await restoreTextVersion(app.db, app.liveDocuments, {
        documentId,
        versionId,
        restoredBy: actor.userId,
      });
      return { restored: presentDocumentVersion(restored), saved: presentDocumentVersion(saved) };
    },
  );
};
