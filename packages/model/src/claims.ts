// API shapes of the claims domain: claims and their anchors, verdict scales, evidence,
// comments, the audit log and live events, with the request bodies that change them.
import { type Static, Type } from 'typebox';
import {
  CLAIM_EVENT_TYPES,
  CLAIM_STATUSES,
  CLAIMANT_TYPES,
  EVIDENCE_KINDS,
  EVIDENCE_STANCES,
} from './claimVocabulary.ts';
import { Nullable } from './nullable.ts';
import { Timestamp, Uuid } from './schemas.ts';
import { ReusedFrom } from './verdictReuse.ts';

export const ClaimStatusSchema = Type.Enum(CLAIM_STATUSES, {
  description: 'Workflow: open → assigned → in_review → verdict_proposed → approved',
});
export const EvidenceKindSchema = Type.Enum(EVIDENCE_KINDS);
export const EvidenceStanceSchema = Type.Enum(EVIDENCE_STANCES);
export const ClaimEventTypeSchema = Type.Enum(CLAIM_EVENT_TYPES);

/** Base64 of a Yjs relative position (y-tiptap's absolutePositionToRelativePosition). */
const RelativePosition = Type.String({
  minLength: 1,
  maxLength: 1024,
  description: 'Base64 of an encoded Yjs relative position',
});

export const QuoteSelector = Type.Object(
  {
    exact: Type.String({ minLength: 1, maxLength: 10_000 }),
    prefix: Type.String({ maxLength: 500, default: '' }),
    suffix: Type.String({ maxLength: 500, default: '' }),
  },
  { additionalProperties: false },
);
export type QuoteSelector = Static<typeof QuoteSelector>;

export const ClaimAnchor = Type.Object(
  { start: RelativePosition, end: RelativePosition, quote: QuoteSelector },
  { additionalProperties: false },
);
export type ClaimAnchor = Static<typeof ClaimAnchor>;

export const Claimant = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 200 }), type: Type.Enum(CLAIMANT_TYPES) },
  { additionalProperties: false },
);
export type Claimant = Static<typeof Claimant>;

const Statement = Type.String({ maxLength: 2000 });
const Rationale = Type.String({ maxLength: 50_000, description: 'Markdown, sanitised on render' });
const Tags = Type.Array(Type.String({ minLength: 1, maxLength: 50 }), { maxItems: 20 });
const Version = Type.Integer({
  minimum: 1,
  description: 'The claim version this write is based on; a stale one gets 409',
});
const VerdictKey = Type.String({ minLength: 1, maxLength: 50, pattern: '^[a-z0-9_]+$' });

export const PersonRef = Type.Object({ id: Uuid, name: Type.String() });
export type PersonRef = Static<typeof PersonRef>;
const MaybePerson = Nullable(PersonRef);
const MaybeTime = Nullable(Timestamp);

export const ClaimAbilities = Type.Object({
  update: Type.Boolean(),
  work: Type.Boolean({ description: 'start review, propose a verdict, add or change evidence' }),
  comment: Type.Boolean(),
  assign: Type.Boolean(),
  approve: Type.Boolean({ description: 'approve or return a proposed verdict' }),
  approveOverride: Type.Boolean({
    description:
      'approve a verdict you proposed yourself, overriding the four-eyes rule (owners; the history and the report say so)',
  }),
  fourEyesBlocked: Type.Boolean({
    description:
      'approve is false only because you proposed this verdict and the workspace requires a second person',
  }),
  reopen: Type.Boolean(),
  reanchor: Type.Boolean(),
  adjudicate: Type.Boolean({
    description:
      'decide between disagreeing blind verdicts (moderators who were not among the blind reviewers; owners with override)',
  }),
});
export type ClaimAbilities = Static<typeof ClaimAbilities>;

/**
 * The verdict as approved: its label, rating and the scale's bounds then. A later change of
 * the workspace's scale never alters it; reports and ClaimReview read it.
 */
export const FrozenVerdict = Type.Object({
  key: Type.String(),
  label: Type.String(),
  ratingValue: Nullable(Type.Number()),
  bestRating: Type.Number(),
  worstRating: Type.Number(),
});
export type FrozenVerdict = Static<typeof FrozenVerdict>;

/** How many people review the claim independently, and how far the current round is. */
export const BlindReviewState = Type.Object({
  required: Type.Integer({
    minimum: 1,
    maximum: 5,
    description: 'Independent verdicts the claim needs (1: an ordinary single review)',
  }),
  override: Nullable(Type.Integer({ minimum: 1, maximum: 5 }), {
    description: "The claim's own setting; null: the workspace's",
  }),
  round: Type.Integer({ description: 'Reopening a blind-reviewed claim starts a new round' }),
  proposedBy: Type.Array(PersonRef, {
    description: 'Who has given their verdict in this round (never what they gave, until all have)',
  }),
  blind: Type.Boolean({
    description:
      'Independent verdicts are being collected: each is hidden from the other reviewers',
  }),
});
export type BlindReviewState = Static<typeof BlindReviewState>;

/** One reviewer's independent verdict in a blind round (claim_reviews). */
export const IndependentVerdict = Type.Object({
  reviewer: MaybePerson,
  round: Type.Integer(),
  verdict: Type.String({ description: 'Verdict label key' }),
  rating: Nullable(Type.Number(), {
    description: "The label's rating when proposed (null: off the ordinal scale)",
  }),
  rationale: Type.String(),
  proposedAt: Timestamp,
});
export type IndependentVerdict = Static<typeof IndependentVerdict>;

const claimFields = {
  id: Uuid,
  documentId: Uuid,
  workspaceId: Uuid,
  status: ClaimStatusSchema,
  verdict: Nullable(Type.String(), { description: 'Verdict label key' }),
  rationale: Type.String(),
  statement: Type.String(),
  claimant: Nullable(Claimant),
  tags: Type.Array(Type.String()),
  anchor: ClaimAnchor,
  currentQuote: Type.String({ description: 'The text under the anchor now' }),
  orphaned: Type.Boolean({ description: 'The anchored text is gone; anchor.quote is kept' }),
  version: Type.Integer(),
  createdBy: MaybePerson,
  assignees: Type.Array(PersonRef),
  proposedBy: MaybePerson,
  proposedAt: MaybeTime,
  approvedBy: MaybePerson,
  approvedAt: MaybeTime,
  approvedVerdict: Nullable(FrozenVerdict, {
    description: 'What approval froze; null unless approved',
  }),
  approvalOverride: Type.Boolean({
    description: 'Approved by the person who proposed it, an owner overriding the four-eyes rule',
  }),
  reusedFrom: Nullable(ReusedFrom, {
    description: 'The approved claim whose verdict, rationale and evidence were copied here',
  }),
  dueAt: MaybeTime,
  evidenceCount: Type.Integer(),
  /** Evidence links the checker found dead (404/410) or moved: flagged on the board. */
  deadLinkCount: Type.Integer(),
  movedLinkCount: Type.Integer(),
  commentCount: Type.Integer(),
  blindReview: BlindReviewState,
  adjudicatedBy: MaybePerson,
  adjudicatedAt: MaybeTime,
  createdAt: Timestamp,
  updatedAt: Timestamp,
};

/** What only some readers may see of a claim: sent with their copy, never in live events. */
const readerFields = {
  abilities: ClaimAbilities,
  independentVerdicts: Type.Array(IndependentVerdict, {
    description:
      "This round's independent verdicts you may see: while the round is blind only your own (moderators who are not among its reviewers see all); every one once all are in",
  }),
};

/** A claim as live events carry it: the same for every reader, so no abilities. */
export const ClaimState = Type.Object(claimFields);
export type ClaimState = Static<typeof ClaimState>;

/** A claim as the API returns it to one member, with what they may do to it. */
export const Claim = Type.Object({ ...claimFields, ...readerFields });
export type Claim = Static<typeof Claim>;

/**
 * 409 body of a claim write: `claim` is present when the conflict is a stale `version`
 * (code "stale_version") or an invalid transition (code "invalid_transition"), so the client
 * can show the current state without another request.
 */
export const ClaimConflictBody = Type.Object({
  code: Type.String(),
  message: Type.String(),
  field: Type.Optional(Type.String()),
  claim: Type.Optional(Claim),
});
export type ClaimConflictBody = Static<typeof ClaimConflictBody>;

export const CreateClaimBody = Type.Object(
  {
    anchor: ClaimAnchor,
    statement: Type.Optional(Statement),
    claimant: Type.Optional(Nullable(Claimant)),
    tags: Type.Optional(Tags),
  },
  { additionalProperties: false },
);
export type CreateClaimBody = Static<typeof CreateClaimBody>;

export const UpdateClaimBody = Type.Object(
  {
    version: Version,
    statement: Type.Optional(Statement),
    claimant: Type.Optional(Nullable(Claimant)),
    tags: Type.Optional(Tags),
    rationale: Type.Optional(Rationale),
  },
  { additionalProperties: false },
);
export type UpdateClaimBody = Static<typeof UpdateClaimBody>;

export const BlindReviewCount = Type.Integer({
  minimum: 1,
  maximum: 5,
  description:
    'Independent verdicts a claim needs: 1 is an ordinary single review, 2 to 5 a blind review',
});

export const SetClaimBlindReviewsBody = Type.Object(
  {
    version: Version,
    // A type list, not anyOf: under anyOf the coercing validator turned 0 into null.
    blindReviews: Type.Unsafe<number | null>({
      type: ['integer', 'null'],
      minimum: 1,
      maximum: 5,
      description:
        "Independent verdicts this claim needs (1: single review, 2–5: blind review); null: follow the workspace's setting",
    }),
  },
  { additionalProperties: false },
);
export type SetClaimBlindReviewsBody = Static<typeof SetClaimBlindReviewsBody>;

export const SetWorkspaceBlindReviewsBody = Type.Object(
  { blindReviews: BlindReviewCount },
  { additionalProperties: false },
);
export type SetWorkspaceBlindReviewsBody = Static<typeof SetWorkspaceBlindReviewsBody>;

export const AdjudicateBody = Type.Object(
  {
    version: Version,
    verdict: VerdictKey,
    rationale: Rationale,
    override: Type.Optional(
      Type.Boolean({
        description:
          'Owners only: decide although you were one of the blind reviewers (four-eyes rule; recorded)',
      }),
    ),
  },
  { additionalProperties: false },
);
export type AdjudicateBody = Static<typeof AdjudicateBody>;

export const VersionBody = Type.Object({ version: Version }, { additionalProperties: false });
export type VersionBody = Static<typeof VersionBody>;

export const ApproveVerdictBody = Type.Object(
  {
    version: Version,
    override: Type.Optional(
      Type.Boolean({
        description:
          'Owners only: approve a verdict you proposed yourself although the workspace requires a second person (recorded in the history and marked in the report)',
      }),
    ),
  },
  { additionalProperties: false },
);
export type ApproveVerdictBody = Static<typeof ApproveVerdictBody>;

export const AssignClaimBody = Type.Object(
  {
    version: Version,
    reviewerIds: Type.Array(Uuid, { minItems: 1, maxItems: 20, uniqueItems: true }),
    dueAt: Type.Optional(Nullable(Timestamp)),
  },
  { additionalProperties: false },
);
export type AssignClaimBody = Static<typeof AssignClaimBody>;

export const UnassignClaimBody = Type.Object(
  {
    version: Version,
    reviewerIds: Type.Array(Uuid, { minItems: 1, maxItems: 20, uniqueItems: true }),
  },
  { additionalProperties: false },
);
export type UnassignClaimBody = Static<typeof UnassignClaimBody>;

export const ProposeVerdictBody = Type.Object(
  { version: Version, verdict: VerdictKey, rationale: Type.Optional(Rationale) },
  { additionalProperties: false },
);
export type ProposeVerdictBody = Static<typeof ProposeVerdictBody>;

export const ReturnClaimBody = Type.Object(
  { version: Version, reason: Type.Optional(Type.String({ maxLength: 5000 })) },
  { additionalProperties: false },
);
export type ReturnClaimBody = Static<typeof ReturnClaimBody>;

export const ReanchorClaimBody = Type.Object(
  { version: Version, anchor: ClaimAnchor },
  { additionalProperties: false },
);
export type ReanchorClaimBody = Static<typeof ReanchorClaimBody>;

const EvidenceUrl = Type.String({ minLength: 1, maxLength: 2048 });

/** What the link checker last found at an evidence link (docs/evidence-links.md). */
export const EvidenceLinkStateSchema = Type.Union([
  Type.Literal('unchecked'),
  Type.Literal('alive'),
  Type.Literal('moved'),
  Type.Literal('dead'),
  Type.Literal('unreachable'),
  Type.Literal('refused'),
]);
export type EvidenceLinkState = Static<typeof EvidenceLinkStateSchema>;

export const EvidenceLink = Type.Object({
  evidenceId: Uuid,
  state: EvidenceLinkStateSchema,
  httpStatus: Nullable(Type.Integer()),
  finalUrl: Nullable(Type.String({ description: 'Where a moved link now answers' })),
  problem: Nullable(
    Type.String({ description: 'Why it is unreachable or refused, in a sentence' }),
  ),
  checkedAt: Nullable(Timestamp),
});
export type EvidenceLink = Static<typeof EvidenceLink>;

/** Pushed to a document's open editors when a link's state changes (not a claim event). */
export const EvidenceLinkEvent = Type.Object({
  type: Type.Literal('evidence.link'),
  claimId: Uuid,
  link: EvidenceLink,
});
export type EvidenceLinkEvent = Static<typeof EvidenceLinkEvent>;

export const Evidence = Type.Object({
  id: Uuid,
  claimId: Uuid,
  url: Type.String({ description: 'Normalised http(s) URL; IDN hosts in punycode' }),
  displayHost: Type.String({
    description:
      'The host (and port) as people read it: Unicode only when single-script and not confusable (UTS #39), punycode otherwise',
  }),
  title: Type.String(),
  publisher: Type.String(),
  excerpt: Type.String(),
  archiveUrl: Nullable(Type.String()),
  kind: EvidenceKindSchema,
  stance: EvidenceStanceSchema,
  addedBy: MaybePerson,
  createdAt: Timestamp,
  updatedAt: Timestamp,
  /** In the evidence list only: what the link checker found (live events carry it apart). */
  link: Type.Optional(EvidenceLink),
});
export type Evidence = Static<typeof Evidence>;

export const AddEvidenceBody = Type.Object(
  {
    version: Version,
    url: EvidenceUrl,
    title: Type.Optional(Type.String({ maxLength: 500 })),
    publisher: Type.Optional(Type.String({ maxLength: 200 })),
    excerpt: Type.Optional(Type.String({ maxLength: 5000 })),
    archiveUrl: Type.Optional(Nullable(EvidenceUrl)),
    kind: EvidenceKindSchema,
    stance: EvidenceStanceSchema,
  },
  { additionalProperties: false },
);
export type AddEvidenceBody = Static<typeof AddEvidenceBody>;

export const UpdateEvidenceBody = Type.Object(
  {
    version: Version,
    url: Type.Optional(EvidenceUrl),
    title: Type.Optional(Type.String({ maxLength: 500 })),
    publisher: Type.Optional(Type.String({ maxLength: 200 })),
    excerpt: Type.Optional(Type.String({ maxLength: 5000 })),
    archiveUrl: Type.Optional(Nullable(EvidenceUrl)),
    kind: Type.Optional(EvidenceKindSchema),
    stance: Type.Optional(EvidenceStanceSchema),
  },
  { additionalProperties: false },
);
export type UpdateEvidenceBody = Static<typeof UpdateEvidenceBody>;

export const ClaimVersionQuery = Type.Object(
  { version: Type.Integer({ minimum: 1 }) },
  { additionalProperties: false },
);

export const Comment = Type.Object({
  id: Uuid,
  claimId: Uuid,
  author: MaybePerson,
  body: Type.String(),
  createdAt: Timestamp,
});
export type Comment = Static<typeof Comment>;

export const AddCommentBody = Type.Object(
  { body: Type.String({ minLength: 1, maxLength: 10_000 }) },
  { additionalProperties: false },
);
export type AddCommentBody = Static<typeof AddCommentBody>;

export const ClaimEvent = Type.Object({
  id: Type.Integer({ description: 'Increasing; catch up with ?after=<id>' }),
  claimId: Uuid,
  documentId: Uuid,
  type: ClaimEventTypeSchema,
  actor: MaybePerson,
  before: Nullable(Type.Record(Type.String(), Type.Unknown()), {
    description: 'The fields the event changed, as they were (only those whose value changed)',
  }),
  after: Nullable(Type.Record(Type.String(), Type.Unknown()), {
    description: 'The same fields, as they became',
  }),
  subject: Nullable(Type.Record(Type.String(), Type.Unknown()), {
    description: 'What the event is about, unchanged by it (the evidence link, the verdict)',
  }),
  createdAt: Timestamp,
});
export type ClaimEvent = Static<typeof ClaimEvent>;

/** What a client that missed live events gets: the events, and the claims they touched now. */
export const ClaimEventCatchUp = Type.Object({
  events: Type.Array(ClaimEvent),
  claims: Type.Array(Claim),
  lastEventId: Type.Integer({ description: 'Pass as ?after= next time' }),
});
export type ClaimEventCatchUp = Static<typeof ClaimEventCatchUp>;

export const EventsQuery = Type.Object(
  { after: Type.Optional(Type.Integer({ minimum: 0, default: 0 })) },
  { additionalProperties: false },
);

/** The live event pushed to a document's open editors after a claim change commits. */
export const ClaimLiveEvent = Type.Object({
  type: ClaimEventTypeSchema,
  eventId: Type.Integer(),
  claim: ClaimState,
  evidence: Type.Optional(Evidence),
  evidenceId: Type.Optional(Uuid),
  comment: Type.Optional(Comment),
  hidden: Type.Optional(
    Type.Boolean({
      description:
        'A blind round hides what changed from some readers: it is not in the event; read the claim, its evidence and comments again to see what you may',
    }),
  ),
});
export type ClaimLiveEvent = Static<typeof ClaimLiveEvent>;

export const QueueClaim = Type.Object({
  ...claimFields,
  ...readerFields,
  documentTitle: Type.String(),
});
export type QueueClaim = Static<typeof QueueClaim>;

export const VerdictLabelSchema = Type.Object(
  {
    key: VerdictKey,
    label: Type.String({ minLength: 1, maxLength: 80 }),
    ratingValue: Nullable(Type.Number()),
    color: Type.Optional(
      Type.String({
        pattern: '^#[0-9a-fA-F]{6}$',
        description: 'How the web app shows it, #rrggbb',
      }),
    ),
  },
  { additionalProperties: false },
);
export const VerdictScaleSchema = Type.Object(
  {
    bestRating: Type.Number(),
    worstRating: Type.Number(),
    labels: Type.Array(VerdictLabelSchema, { minItems: 1, maxItems: 20 }),
  },
  { additionalProperties: false },
);
/** How many claims carry a verdict key: live ones follow the scale, approved ones are frozen. */
export const VerdictUsage = Type.Object({
  key: Type.String(),
  claims: Type.Integer({ description: 'Claims with this verdict, not approved' }),
  approved: Type.Integer({ description: 'Approved claims: they keep the values they froze' }),
});
export type VerdictUsage = Static<typeof VerdictUsage>;

export const WorkspaceVerdictScale = Type.Object({
  scale: VerdictScaleSchema,
  isDefault: Type.Boolean({ description: 'true until the owners change it' }),
  usage: Type.Array(VerdictUsage),
});
export type WorkspaceVerdictScale = Static<typeof WorkspaceVerdictScale>;
