// Search across a workspace: claims, rationales, evidence, comments and documents' text, for
// members of any role (docs/search.md). schema → access → searchWorkspace → presenter.
import { ErrorBody, SEARCH_DEFAULT_LIMIT, SearchQuery, SearchResults, Uuid } from '@factdesk/model';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { workspaceAccess } from '../../access/workspaceAccess.ts';
import { BadRequestError } from '../../errors.ts';
import { msg } from '../../i18n/translate.ts';
import { requireActor } from '../../plugins/auth.ts';
import { presentSearchResults } from '../../presenters/search.ts';
import { searchWorkspace } from '../../views/searchWorkspace.ts';
import { checkDays } from '../calendarDays.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 404: ErrorBody };
const WorkspaceParams = Type.Object({ workspaceId: Uuid });

export const searchRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/workspaces/:workspaceId/search',
    {
      schema: {
        tags: ['search'],
        summary:
          'Search claims, rationales, evidence, comments and documents’ text; hits grouped by document with the matching passage',
        params: WorkspaceParams,
        querystring: SearchQuery,
        response: { 200: SearchResults, ...errors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { workspaceId } = request.params;
      const { q, verdict, status, reviewer, from, to, limit } = request.query;
      await workspaceAccess(app.db, actor.userId, workspaceId, 'document.read');
      if (q.trim() === '') throw new BadRequestError(msg('errors.searchBlank'), 'q');
      checkDays(from, to);
      const outcome = await searchWorkspace(app.db, {
        workspaceId,
        q,
        filters: { verdict, status, reviewerId: reviewer, from, to },
        limit: limit ?? SEARCH_DEFAULT_LIMIT,
      });
      return presentSearchResults(q, outcome);
    },
  );
};
