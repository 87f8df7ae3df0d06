// The verdict report's input data: everything a renderer needs, gathered once by the server.
import { type Static, Type } from 'typebox';
import { CLAIM_STATUSES, EVIDENCE_KINDS, EVIDENCE_STANCES } from './claimVocabulary.ts';
import { AgreementSummary } from './dashboard.ts';

/** Bumped when the JSON export changes shape incompatibly; carried as `version` in it. */
export const REPORT_DATA_VERSION = 1;

const ReportTimestamp = Type.String({ format: 'date-time' });
/** Text the report shows; user-written, so every renderer escapes it for its format. */
const Text = Type.String();
const OptionalText = Type.Union([Type.String(), Type.Null()]);
/** A link as stored; renderers show it as a link only when it is http(s). */
const Link = Type.Union([Type.String(), Type.Null()]);

export const ReportScope = Type.Enum(['approved', 'all'], {
  description: 'approved: only approved claims (for publication); all: every claim',
});
export type ReportScope = Static<typeof ReportScope>;

export const ReportOptions = Type.Object({
  scope: ReportScope,
  evidence: Type.Boolean({ description: 'Include each claim’s evidence' }),
  articleText: Type.Boolean({ description: 'Include the full article text, claims highlighted' }),
});
export type ReportOptions = Static<typeof ReportOptions>;

export const ReportVerdictLabel = Type.Object({
  key: Type.String({ minLength: 1 }),
  label: Type.String({ minLength: 1 }),
  ratingValue: Type.Union([Type.Number(), Type.Null()]),
});

/** A claim's verdict with the bounds it is rated on: frozen at approval for approved claims. */
export const ReportClaimVerdict = Type.Object({
  key: Type.String({ minLength: 1 }),
  label: Type.String({ minLength: 1 }),
  ratingValue: Type.Union([Type.Number(), Type.Null()]),
  bestRating: Type.Number(),
  worstRating: Type.Number(),
});
export type ReportClaimVerdict = Static<typeof ReportClaimVerdict>;

export const ReportVerdictScale = Type.Object({
  bestRating: Type.Number(),
  worstRating: Type.Number(),
  labels: Type.Array(ReportVerdictLabel),
});

export const ReportClaimant = Type.Object({
  name: Type.String({ minLength: 1 }),
  kind: Type.Enum(['person', 'organization']),
});

export const ReportQuote = Type.Object({
  exact: Text,
  prefix: Text,
  suffix: Text,
});

/** A link the checker found dead or moved when the report's rows were read (null: no flag). */
export const ReportEvidenceLink = Type.Object({
  state: Type.Enum(['dead', 'moved']),
  /** Where a moved link now answers. */
  finalUrl: Link,
  httpStatus: Type.Union([Type.Integer(), Type.Null()]),
  checkedAt: Type.Union([ReportTimestamp, Type.Null()]),
});
export type ReportEvidenceLink = Static<typeof ReportEvidenceLink>;

export const ReportEvidence = Type.Object({
  url: Text,
  title: OptionalText,
  publisher: OptionalText,
  excerpt: OptionalText,
  archivedUrl: Link,
  kind: Type.Enum(EVIDENCE_KINDS),
  stance: Type.Enum(EVIDENCE_STANCES),
  addedBy: OptionalText,
  addedAt: ReportTimestamp,
  /** "Dead link" / "Moved" (docs/evidence-links.md); null when the link works or is unknown. */
  link: Type.Union([ReportEvidenceLink, Type.Null()]),
});
export type ReportEvidence = Static<typeof ReportEvidence>;

const Seconds = Type.Union([Type.Number({ minimum: 0 }), Type.Null()]);

/** Created → approved, and assigned → proposed (from the proposer's assignment, else the first). */
export const ReportTimeToVerdict = Type.Object({
  createdToApprovedSeconds: Seconds,
  assignedToProposedSeconds: Seconds,
});
export type ReportTimeToVerdict = Static<typeof ReportTimeToVerdict>;

export const ReportClaim = Type.Object({
  id: Type.String({ minLength: 1 }),
  /** Position in text order, from 1; the anchor `#claim-<number>`. */
  number: Type.Integer({ minimum: 1 }),
  status: Type.Enum(CLAIM_STATUSES),
  statement: Text,
  claimant: Type.Union([ReportClaimant, Type.Null()]),
  /** The quote as it was highlighted. */
  quote: ReportQuote,
  /**
   * The words around the quote as the report shows them: the quote's prefix and suffix cut at
   * word boundaries (never mid-word), within its paragraph, with "…" where text was cut.
   */
  context: Type.Object({ before: Text, after: Text }),
  /** The text now under the highlight; null when the passage is gone (orphaned). */
  currentQuote: OptionalText,
  orphaned: Type.Boolean(),
  /** Approved claims: the label, rating and bounds frozen at approval, whatever the scale now. */
  verdict: Type.Union([ReportClaimVerdict, Type.Null()]),
  /** Markdown. */
  rationale: OptionalText,
  evidence: Type.Array(ReportEvidence),
  reviewers: Type.Array(Type.String()),
  approver: OptionalText,
  /** The approver is the person who proposed the verdict. */
  selfApproved: Type.Boolean(),
  /** …and did so as an owner overriding the workspace's four-eyes rule. */
  fourEyesOverride: Type.Boolean(),
  /** The verdict, rationale and evidence were copied from an approved claim of another document. */
  reusedFrom: Type.Union([
    Type.Object({ documentTitle: Text, reusedAt: ReportTimestamp }),
    Type.Null(),
  ]),
  createdAt: ReportTimestamp,
  proposedAt: Type.Union([ReportTimestamp, Type.Null()]),
  approvedAt: Type.Union([ReportTimestamp, Type.Null()]),
  /** ClaimReview `datePublished`: when the verdict was published (approval, usually). */
  reviewDate: Type.Union([ReportTimestamp, Type.Null()]),
  /** How long the claim took, in seconds; null where it has not got there (docs/report.md). */
  timeToVerdict: ReportTimeToVerdict,
});
export type ReportClaim = Static<typeof ReportClaim>;

export const ARTICLE_MARKS = ['bold', 'italic', 'strike', 'code'] as const;

/** A stretch of a block's text with the same marks and link. */
export const ReportArticleRun = Type.Object({
  /** UTF-16 offsets into `text`, `to` exclusive. */
  from: Type.Integer({ minimum: 0 }),
  to: Type.Integer({ minimum: 0 }),
  marks: Type.Array(Type.Enum(ARTICLE_MARKS)),
  /** The link's target when it passes the link rule (http, https, mailto), normalised. */
  href: Type.Optional(Type.String()),
});
export type ReportArticleRun = Static<typeof ReportArticleRun>;

/** A block quote, list or list item a text block sits in; `index` is its place in its parent. */
export const ReportArticleContainer = Type.Object({
  kind: Type.Enum(['blockquote', 'bulletList', 'orderedList', 'listItem']),
  index: Type.Integer({ minimum: 0 }),
  /** Ordered lists: the first item's number. */
  start: Type.Optional(Type.Integer()),
});
export type ReportArticleContainer = Static<typeof ReportArticleContainer>;

export const ReportArticleBlock = Type.Object({
  kind: Type.Enum(['heading', 'paragraph', 'horizontalRule']),
  level: Type.Optional(Type.Integer({ minimum: 1, maximum: 6 })),
  /** The containers around the block, outermost first (a paragraph in a list item in a quote…). */
  containers: Type.Array(ReportArticleContainer),
  /** UTF-16 offsets into `text`, `to` exclusive. */
  from: Type.Integer({ minimum: 0 }),
  to: Type.Integer({ minimum: 0 }),
  /** The block's text in runs of equal formatting, covering `from`…`to` in order. */
  runs: Type.Array(ReportArticleRun),
});
export type ReportArticleBlock = Static<typeof ReportArticleBlock>;

export const ReportHighlight = Type.Object({
  claimId: Type.String({ minLength: 1 }),
  from: Type.Integer({ minimum: 0 }),
  to: Type.Integer({ minimum: 0 }),
});
export type ReportHighlight = Static<typeof ReportHighlight>;

export const ReportArticle = Type.Object({
  /** The article's text blocks joined by "\n" (a hard line break is a "\n" too): the text claims anchor on. */
  text: Type.String(),
  blocks: Type.Array(ReportArticleBlock),
  highlights: Type.Array(ReportHighlight),
});
export type ReportArticle = Static<typeof ReportArticle>;

/**
 * The text the report was made from: the current text (read when the report was made) or a
 * saved text version, whose report is the same, byte for byte, every time but for its
 * generation time (docs/report.md, "What identifies a report").
 */
export const ReportTextVersion = Type.Object({
  /** The saved version's id; null for the current text. */
  id: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
  kind: Type.Enum(['current', 'import', 'named', 'before_restore'], {
    description:
      'current: the live text as read for this report; import, named, before_restore: a saved version',
  }),
  /** A named version's name. */
  name: OptionalText,
  /** When the saved version was made; null for the current text (read at `generatedAt`). */
  createdAt: Type.Union([ReportTimestamp, Type.Null()]),
  /**
   * SHA-256 (hex) of the Yjs state read: a saved version's stored update as it is stored; for
   * the current text, Y.encodeStateAsUpdate of the document when it was read.
   */
  sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }),
});
export type ReportTextVersion = Static<typeof ReportTextVersion>;

export const ReportData = Type.Object(
  {
    version: Type.Literal(REPORT_DATA_VERSION),
    generatedAt: ReportTimestamp,
    options: ReportOptions,
    textVersion: ReportTextVersion,
    workspace: Type.Object({
      name: Type.String({ minLength: 1 }),
      /** The publishing organisation's public URL (ClaimReview author.url). */
      url: Link,
      /** Its logo (ClaimReview author.logo). */
      logo: Link,
    }),
    document: Type.Object({
      id: Type.String({ minLength: 1 }),
      title: Text,
      outlet: OptionalText,
      author: OptionalText,
      publishedAt: Type.Union([ReportTimestamp, Type.Null()]),
      sourceUrl: Link,
      /** BCP 47 tag, e.g. "en" or "ar". */
      language: OptionalText,
    }),
    /** Public URL of the published report; ClaimReview `url`s are `<reportUrl>#claim-<n>`. */
    reportUrl: Link,
    team: Type.Array(Type.Object({ name: Type.String(), roles: Type.Array(Type.String()) })),
    scale: ReportVerdictScale,
    claims: Type.Array(ReportClaim),
    article: Type.Optional(ReportArticle),
    /**
     * Agreement of the document's blind review (docs/agreement.md): present in a report of the
     * current text when any of its claims had a finished round of independent verdicts.
     */
    agreement: Type.Optional(AgreementSummary),
  },
  { title: 'Factdesk verdict report' },
);
export type ReportData = Static<typeof ReportData>;
