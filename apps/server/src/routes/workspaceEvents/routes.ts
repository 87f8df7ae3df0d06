// A workspace's live stream (server-sent events) for its lists — the board, the documents
// list: a WorkspaceEvent each time a claim or a document of the workspace changes, on any
// instance. Signals only ("claims of document X changed"): the page fetches again through the
// REST API, whose answer is filtered for its reader (blind review, roles), so the stream itself
// shows nothing a member could not read. Members only; a stream ends when its member leaves.
import { ErrorBody, Uuid, type WorkspaceEvent } from '@factdesk/model';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { workspaceAccess } from '../../access/workspaceAccess.ts';
import { requireActor } from '../../plugins/auth.ts';
import { findMembership } from '../../queries/workspaces.ts';
import { EventStreams } from '../EventStreams.ts';

/**
 * Signals are gathered this long per stream before they go out: a bulk assignment is one
 * frame per document, and membership is checked once per frame batch.
 */
const BATCH_MS = 100;

export const workspaceEventRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const streams = new EventStreams(app);

  app.get(
    '/api/workspaces/:workspaceId/events',
    {
      schema: {
        tags: ['workspaces'],
        summary:
          'Server-sent events for live lists: {kind:"claims", documentId} when a claim of that document changed, {kind:"documents", documentId?} when a document was imported, changed or deleted, {kind:"presence", documentId} when someone opened or left it. Signals only: fetch the lists again to see what changed (members only)',
        params: Type.Object({ workspaceId: Uuid }),
        response: { 401: ErrorBody, 404: ErrorBody },
      },
    },
    async (request, reply) => {
      const { userId } = requireActor(request);
      const { workspaceId } = request.params;
      await workspaceAccess(app.db, userId, workspaceId, 'workspace.read');
      const stillMember = async () =>
        (await findMembership(app.db, workspaceId, userId)) !== undefined;

      const pending = new Map<string, WorkspaceEvent>();
      let timer: NodeJS.Timeout | undefined;
      const flush = () => {
        timer = undefined;
        const events = [...pending.values()];
        pending.clear();
        stillMember().then(
          (member) => {
            if (!member) return stream.end();
            for (const event of events) stream.send(event);
          },
          (error: unknown) => {
            request.log.warn({ err: error, workspaceId }, 'checking a stream’s membership failed');
            stream.end();
          },
        );
      };
      const stop = app.workspaceEvents.listen(workspaceId, (event) => {
        pending.set(`${event.kind}:${event.documentId ?? ''}`, event);
        timer ??= setTimeout(flush, BATCH_MS);
      });
      const stream = streams.start<WorkspaceEvent>(request, reply, stillMember);
      stream.onClose(() => {
        stop();
        clearTimeout(timer);
      });
    },
  );
};
