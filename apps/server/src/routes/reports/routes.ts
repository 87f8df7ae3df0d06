// The verdict report download: schema → access (members, viewers and above) → exportReport
// (the current text or a saved version, rendered in the asked format), sent as an attachment
// named from the title.
import { ErrorBody, Uuid } from '@factdesk/model';
import { REPORT_FORMATS, reportFilename } from '@factdesk/report';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { documentAccess } from '../../access/documentAccess.ts';
import { requireActor } from '../../plugins/auth.ts';
import { exportReport } from '../../views/exportReport.ts';

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
    version: Type.Optional(
      Type.String({
        format: 'uuid',
        description:
          'A saved text version of this document (GET /api/documents/:id/versions): the report as of that version, the same every time but for its generation time. Default: the current text',
      }),
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
          409: ErrorBody,
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
        version = null,
      } = request.query;
      const document = await documentAccess(app.db, actor.userId, documentId, 'report.export');
      const rendered = await exportReport(
        {
          sql: app.db,
          readDocument: (id, read) => app.liveDocuments.readDocument(id, read),
          heavyWork: app.heavyWork,
        },
        document,
        { format, scope, evidence, articleText, versionId: version, csvBom: bom },
      );
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
