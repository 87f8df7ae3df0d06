// The verdict report download: schema → access (members, viewers and above) → buildReport →
// the renderer of the asked format, sent as an attachment named from the title.
import { ErrorBody, Uuid } from '@factdesk/model';
import { REPORT_FORMATS, reportFilename } from '@factdesk/report';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { buildReport } from '../../commands/buildReport.ts';
import { documentAccess } from '../../commands/documents/documentAccess.ts';
import { BadRequestError } from '../../errors.ts';
import { requireActor } from '../../plugins/auth.ts';

const ReportParams = Type.Object({ documentId: Uuid });

export const ReportQuery = Type.Object(
  {
    format: Type.Enum(REPORT_FORMATS, { description: 'The file format' }),
    scope: Type.Optional(
      Type.Enum(['approved', 'all'], {
        description: 'approved (default): approved claims only, for publication; all: every claim',
      }),
    ),
    evidence: Type.Optional(
      Type.Boolean({ description: 'Include each claim’s evidence (default true)' }),
    ),
    articleText: Type.Optional(
      Type.Boolean({ description: 'Include the full article, claims highlighted (default false)' }),
    ),
    bom: Type.Optional(
      Type.Boolean({
        description:
          'CSV only: start with a UTF-8 byte-order mark so spreadsheet programs read accents right (default true)',
      }),
    ),
  },
  { additionalProperties: false },
);

export const reportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/documents/:documentId/report',
    {
      schema: {
        tags: ['reports'],
        summary: 'Download the verdict report of a document (members: viewers and above)',
        params: ReportParams,
        querystring: ReportQuery,
        produces: [
          'text/html',
          'application/pdf',
          'text/markdown',
          'text/csv',
          'application/json',
          'application/ld+json',
        ],
        response: {
          200: Type.Unsafe<string | Buffer>({
            type: 'string',
            format: 'binary',
            description: 'The report file, as an attachment',
          }),
          400: ErrorBody,
          401: ErrorBody,
          403: ErrorBody,
          404: ErrorBody,
          413: ErrorBody,
          422: ErrorBody,
          503: ErrorBody,
        },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const { documentId } = request.params;
      const {
        format,
        scope = 'approved',
        evidence = true,
        articleText = false,
        bom = true,
      } = request.query;
      const document = await documentAccess(app.db, actor.userId, documentId, 'report.export');
      if (format === 'claimreview' && !document.fact_check_url) {
        // Every ClaimReview needs the page it is published on; an empty file would pass silently.
        throw new BadRequestError(
          'factCheckUrl: set the document’s published fact-check URL before exporting ClaimReview (each claim is published at that page #claim-<number>).',
          'factCheckUrl',
        );
      }
      const data = await buildReport(
        { sql: app.db, readDocument: (id, read) => app.collab.readDocument(id, read) },
        document,
        { scope, evidence, articleText },
      );
      // Rendering (PDF above all) runs on the worker pool under REPORT_* budgets.
      const rendered = await app.heavyWork.renderReport(data, format, { csvBom: bom });
      return reply
        .header('content-type', rendered.contentType)
        .header(
          'content-disposition',
          `attachment; filename="${reportFilename(document.title, format)}"`,
        )
        .header('cache-control', 'private, no-store')
        .send(
          typeof rendered.body === 'string'
            ? rendered.body
            : Buffer.from(rendered.body.buffer, rendered.body.byteOffset, rendered.body.byteLength),
        );
    },
  );
};
