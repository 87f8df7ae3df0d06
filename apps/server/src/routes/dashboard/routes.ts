// The workspace dashboard: time to verdict over a period (docs/claims.md), for moderators and
// owners. schema → access → period → queries → presenter.
import {
  Agreement,
  DASHBOARD_DEFAULT_DAYS,
  DASHBOARD_MAX_DAYS,
  Dashboard,
  DashboardQuery,
  ErrorBody,
  Uuid,
} from '@factdesk/model';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { workspaceAccess } from '../../access/workspaceAccess.ts';
import type { AgreementPeriodBounds } from '../../agreement/agreementFigures.ts';
import { BadRequestError } from '../../errors.ts';
import { msg } from '../../i18n/translate.ts';
import { requireActor } from '../../plugins/auth.ts';
import { presentDurations, presentRows } from '../../presenters/dashboard.ts';
import { listReviewUnits, reviewUnits } from '../../queries/agreement.ts';
import {
  approvedByDocument,
  approvedByReviewer,
  proposedAfterAssignment,
} from '../../queries/timeToVerdict.ts';
import { checkDays } from '../calendarDays.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };
const DAY_MS = 24 * 60 * 60 * 1000;

const day = (date: Date) => date.toISOString().slice(0, 10);

/** from and to as asked, or the last DASHBOARD_DEFAULT_DAYS days; both days included. */
function periodOf(query: DashboardQuery, now = new Date()) {
  checkDays(query.from, query.to);
  const to = query.to ?? day(now);
  const from =
    query.from ??
    day(new Date(Date.parse(`${to}T00:00:00Z`) - (DASHBOARD_DEFAULT_DAYS - 1) * DAY_MS));
  if (from > to) throw new BadRequestError(msg('errors.fromAfterTo', { from, to }), 'from');
  const start = new Date(`${from}T00:00:00Z`);
  const end = new Date(Date.parse(`${to}T00:00:00Z`) + DAY_MS);
  if (end.getTime() - start.getTime() > DASHBOARD_MAX_DAYS * DAY_MS) {
    throw new BadRequestError(msg('errors.periodTooLong', { maxDays: DASHBOARD_MAX_DAYS }), 'from');
  }
  return { from, to, start, end };
}

/** The calendar months the period touches, each cut to the period. */
export function monthsOf(from: string, to: string): AgreementPeriodBounds[] {
  const months: AgreementPeriodBounds[] = [];
  let start = from;
  while (start <= to) {
    const [year, month] = start.split('-').map(Number) as [number, number];
    const nextMonth = new Date(Date.UTC(year, month, 1));
    const lastDay = day(new Date(nextMonth.getTime() - DAY_MS));
    const end = lastDay < to ? lastDay : to;
    months.push({
      from: start,
      to: end,
      start: `${start}T00:00:00.000Z`,
      end: new Date(Date.parse(`${end}T00:00:00Z`) + DAY_MS).toISOString(),
    });
    start = day(nextMonth);
  }
  return months;
}

export const dashboardRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/workspaces/:workspaceId/dashboard',
    {
      schema: {
        tags: ['dashboard'],
        summary:
          'Time to verdict over a period: median and 90th percentile for the workspace, each reviewer and each document (moderators)',
        params: Type.Object({ workspaceId: Uuid }),
        querystring: DashboardQuery,
        response: { 200: Dashboard, ...errors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { workspaceId } = request.params;
      await workspaceAccess(app.db, actor.userId, workspaceId, 'dashboard.read');
      const { from, to, start, end } = periodOf(request.query);
      const period = { from: start, to: end };
      const [approved, approvedReviewers, proposed] = await Promise.all([
        approvedByDocument(app.db, workspaceId, period),
        approvedByReviewer(app.db, workspaceId, period),
        proposedAfterAssignment(app.db, workspaceId, period),
      ]);
      const approvedDocuments = approved.filter((row) => row.id !== null);
      return {
        from,
        to,
        workspace: {
          createdToApproved: presentDurations(approved.find((row) => row.id === null)),
          assignedToProposed: presentDurations(proposed.workspace[0]),
        },
        reviewers: presentRows(approvedReviewers, proposed.reviewers),
        documents: presentRows(approvedDocuments, proposed.documents),
      };
    },
  );

  app.get(
    '/api/workspaces/:workspaceId/dashboard/agreement',
    {
      schema: {
        tags: ['dashboard'],
        summary:
          "Agreement of blind review over a period: Krippendorff's alpha (nominal, ordinal) for the workspace and each month, Cohen's kappa and alpha for each reviewer pair, with 95% intervals (moderators)",
        params: Type.Object({ workspaceId: Uuid }),
        querystring: DashboardQuery,
        response: { 200: Agreement, ...errors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { workspaceId } = request.params;
      await workspaceAccess(app.db, actor.userId, workspaceId, 'dashboard.read');
      const { from, to, start, end } = periodOf(request.query);
      const rows = await listReviewUnits(app.db, { workspaceId, period: { from: start, to: end } });
      const figures = await app.heavyWork.agreementFigures({
        ...reviewUnits(rows),
        periods: monthsOf(from, to),
      });
      return { from, to, ...figures };
    },
  );
};
