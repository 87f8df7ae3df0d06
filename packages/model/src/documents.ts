// API shapes of documents: import, metadata, lock and archive state, the workspace's list
// with claim counts, and text versions.
import { type Static, Type } from 'typebox';
import { PersonRef } from './claims.ts';
import { CLAIM_STATUSES } from './claimVocabulary.ts';
import { Nullable } from './nullable.ts';
import { AbilitiesSchema, Timestamp, Uuid } from './schemas.ts';

export const IMPORT_FORMATS = ['md', 'html', 'txt'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];
export const ImportFormatSchema = Type.Enum(IMPORT_FORMATS, {
  description: 'md: Markdown (CommonMark + GFM), html, txt: plain text (blank line = paragraph)',
});

export const DOCUMENT_VERSION_KINDS = ['import', 'named', 'before_restore'] as const;
export type DocumentVersionKind = (typeof DOCUMENT_VERSION_KINDS)[number];

export const DocumentTitle = Type.String({ minLength: 1, maxLength: 300 });
// Checked by the import command (http/https, IDN hosts stored as punycode): ajv's "uri"
// format refuses internationalised host names.
const SourceUrl = Type.String({
  minLength: 1,
  maxLength: 2048,
  description: 'Where the article was published (http or https)',
});
const FactCheckUrl = Type.String({
  minLength: 1,
  maxLength: 2048,
  description: 'The public page where this fact-check is published (http or https, no #fragment)',
});
const ShortText = Type.String({ minLength: 1, maxLength: 200 });
const PublishedOn = Type.String({ format: 'date', description: 'Publication date, YYYY-MM-DD' });
const Language = Type.String({
  pattern: '^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$',
  maxLength: 35,
  description: 'BCP 47 language tag, e.g. "en" or "pt-BR"',
});
const nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Nullable(schema);

export const ImportDocumentBody = Type.Object(
  {
    format: ImportFormatSchema,
    content: Type.String({ description: 'The article, as pasted or read from the uploaded file' }),
    title: Type.Optional(DocumentTitle),
    sourceUrl: Type.Optional(SourceUrl),
    outlet: Type.Optional(ShortText),
    author: Type.Optional(ShortText),
    publishedAt: Type.Optional(PublishedOn),
    language: Type.Optional(Language),
  },
  { additionalProperties: false },
);
export type ImportDocumentBody = Static<typeof ImportDocumentBody>;

export const UpdateDocumentBody = Type.Object(
  {
    title: Type.Optional(DocumentTitle),
    sourceUrl: Type.Optional(nullable(SourceUrl)),
    outlet: Type.Optional(nullable(ShortText)),
    author: Type.Optional(nullable(ShortText)),
    publishedAt: Type.Optional(nullable(PublishedOn)),
    language: Type.Optional(nullable(Language)),
    factCheckUrl: Type.Optional(nullable(FactCheckUrl)),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateDocumentBody = Static<typeof UpdateDocumentBody>;

const documentFields = {
  id: Uuid,
  workspaceId: Uuid,
  title: Type.String(),
  sourceUrl: Nullable(Type.String()),
  outlet: Nullable(Type.String()),
  author: Nullable(Type.String()),
  publishedAt: Nullable(Type.String({ format: 'date' })),
  language: Nullable(Type.String()),
  factCheckUrl: Nullable(Type.String(), {
    description: 'Where the fact-check is published; ClaimReview url = <this>#claim-<n>',
  }),
  /** The hosts as they may be shown (Unicode only where not confusable; see displayHost). */
  sourceHost: Nullable(Type.String()),
  factCheckHost: Nullable(Type.String()),
  sourceFormat: Nullable(ImportFormatSchema),
  /** While true, no socket may change the text (everyone's connection is read-only). */
  textLocked: Type.Boolean(),
  archived: Type.Boolean(),
  archivedAt: Nullable(Timestamp),
  createdBy: Nullable(Uuid),
  createdAt: Timestamp,
  /** Last change to the metadata or the text. */
  updatedAt: Timestamp,
};

export const DocumentSchema = Type.Object(
  { ...documentFields, abilities: AbilitiesSchema },
  { description: 'A document with what the caller may do in it' },
);
export type DocumentSchema = Static<typeof DocumentSchema>;

export const ClaimCounts = Type.Object({
  total: Type.Integer(),
  byStatus: Type.Object(
    Object.fromEntries(CLAIM_STATUSES.map((status) => [status, Type.Integer()])),
  ),
  /** Keys are verdict label keys of the workspace's scale; claims without a verdict are not counted. */
  byVerdict: Type.Record(Type.String(), Type.Integer()),
});
export type ClaimCounts = Static<typeof ClaimCounts>;

export const DocumentListItem = Type.Object({
  ...documentFields,
  claimCounts: ClaimCounts,
  present: Type.Array(PersonRef, {
    description:
      'Who has the document open now (distinct users with an open socket on this server instance)',
  }),
  lastActivityAt: Type.String({
    format: 'date-time',
    description: 'The latest of updatedAt (metadata or text) and the newest claim event',
  }),
});
export type DocumentListItem = Static<typeof DocumentListItem>;

export const DocumentListQuery = Type.Object(
  {
    q: Type.Optional(
      Type.String({ maxLength: 200, description: 'Words to find in the title or outlet' }),
    ),
    archived: Type.Optional(
      Type.Boolean({ description: 'true: archived documents only; false (default): active ones' }),
    ),
  },
  { additionalProperties: false },
);
export type DocumentListQuery = Static<typeof DocumentListQuery>;

export const DocumentVersion = Type.Object({
  id: Uuid,
  documentId: Uuid,
  kind: Type.Enum(DOCUMENT_VERSION_KINDS, {
    description: 'import and before_restore are automatic; named ones are made by moderators',
  }),
  name: Nullable(Type.String()),
  createdBy: Nullable(Uuid),
  createdAt: Timestamp,
  reportable: Type.Boolean({
    description:
      'The claims were saved with this version, so its report can be exported (GET …/report?version=); false for versions saved before Factdesk kept them',
  }),
});
export type DocumentVersion = Static<typeof DocumentVersion>;

export const DocumentVersionContent = Type.Object({
  version: DocumentVersion,
  /** ProseMirror JSON of the article schema (@factdesk/editor). */
  article: Type.Unknown(),
  /** The same text as sanitised HTML, for viewing. */
  html: Type.String(),
  /** The article text model (blocks separated by "\n"). */
  text: Type.String(),
});
export type DocumentVersionContent = Static<typeof DocumentVersionContent>;

export const CreateVersionBody = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 100 }) },
  { additionalProperties: false },
);
export type CreateVersionBody = Static<typeof CreateVersionBody>;
