// The fact-check vocabulary, written once: claim statuses, the default verdict scale,
// evidence kinds and stances. Schemas and the report build on these lists.

/**
 * Workflow: open → assigned → in_review → verdict_proposed → approved (or back to in_review).
 * A blind review whose independent verdicts disagree waits in adjudication for a moderator.
 */
export const CLAIM_STATUSES = [
  'open',
  'assigned',
  'in_review',
  'verdict_proposed',
  'adjudication',
  'approved',
] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

export interface VerdictLabel {
  /** Stable key stored on claims, e.g. "mostly_true". */
  key: string;
  /** What people read, e.g. "Mostly true"; ClaimReview's `alternateName`. */
  label: string;
  /**
   * ClaimReview `ratingValue`, between the scale's worst and best; null for verdicts off the
   * true–false line (e.g. Unverifiable), which ClaimReview carries as `alternateName` only.
   */
  ratingValue: number | null;
  /** How the web app shows it (#rrggbb); without one, a tone follows from the rating. */
  color?: string;
}

export interface VerdictScale {
  bestRating: number;
  worstRating: number;
  labels: VerdictLabel[];
}

/** A workspace's scale until its owners change it. */
export const DEFAULT_VERDICT_SCALE: VerdictScale = {
  bestRating: 5,
  worstRating: 1,
  labels: [
    { key: 'true', label: 'True', ratingValue: 5 },
    { key: 'mostly_true', label: 'Mostly true', ratingValue: 4 },
    { key: 'mixed', label: 'Mixed', ratingValue: 3 },
    { key: 'misleading', label: 'Misleading', ratingValue: 2 },
    { key: 'false', label: 'False', ratingValue: 1 },
    { key: 'unverifiable', label: 'Unverifiable', ratingValue: null },
  ],
};

export const EVIDENCE_KINDS = [
  'primary_source',
  'official_data',
  'expert',
  'news_report',
  'other',
] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

export const EVIDENCE_STANCES = ['supports', 'refutes', 'context'] as const;
export type EvidenceStance = (typeof EVIDENCE_STANCES)[number];

/** Who made a claim in the article (schema.org ClaimReview: Person or Organization). */
export const CLAIMANT_TYPES = ['person', 'organization'] as const;
export type ClaimantType = (typeof CLAIMANT_TYPES)[number];

/** Every audit event a claim can have; live events use the same names. */
export const CLAIM_EVENT_TYPES = [
  'claim.created',
  'claim.updated',
  'claim.assigned',
  'claim.unassigned',
  'claim.review_started',
  'claim.verdict_proposed',
  'claim.verdict_reused',
  // Blind review (docs/claims.md): one reviewer's independent verdict, hidden until all are in;
  // all of them shown at once; a moderator's decision between disagreeing verdicts.
  'claim.review_submitted',
  'claim.reviews_revealed',
  'claim.adjudicated',
  'claim.approved',
  'claim.returned',
  'claim.reopened',
  'claim.reanchored',
  'claim.orphaned',
  'evidence.added',
  'evidence.updated',
  'evidence.removed',
  'comment.added',
] as const;
export type ClaimEventType = (typeof CLAIM_EVENT_TYPES)[number];
