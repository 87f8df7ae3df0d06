// API shapes of verdict reuse (docs/verdict-reuse.md): approved claims of the workspace that
// say the same thing as a text or a claim, and the request that copies one's verdict.
import { type Static, Type } from 'typebox';
import { Nullable } from './nullable.ts';
import { Timestamp, Uuid } from './schemas.ts';

/** Longest text compared: a statement's limit; a longer quote is cut to it. */
export const SIMILAR_TEXT_MAX = 2000;
export const SIMILAR_DEFAULT_LIMIT = 5;

export const SimilarClaimsQuery = Type.Object(
  {
    quote: Type.Optional(
      Type.String({ maxLength: 10_000, description: 'The highlighted passage' }),
    ),
    statement: Type.Optional(
      Type.String({
        maxLength: SIMILAR_TEXT_MAX,
        description: 'The claim as the checker words it',
      }),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 20 })),
  },
  { additionalProperties: false },
);
export type SimilarClaimsQuery = Static<typeof SimilarClaimsQuery>;

export const SimilarClaimLimitQuery = Type.Object(
  { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 20 })) },
  { additionalProperties: false },
);

export const SimilarClaim = Type.Object({
  claimId: Uuid,
  documentId: Uuid,
  documentTitle: Type.String(),
  documentArchived: Type.Boolean(),
  statement: Type.String(),
  quote: Type.String(),
  verdict: Type.String({ description: 'Verdict label key' }),
  verdictLabel: Type.String({ description: 'The label as approved' }),
  approvedAt: Timestamp,
  approvedBy: Nullable(Type.String(), { description: 'The approver’s name' }),
  score: Type.Number({ description: '0–1; only scores at or above the threshold are listed' }),
  link: Type.String({ description: 'The claim in its document, in the web app' }),
});
export type SimilarClaim = Static<typeof SimilarClaim>;

export const SimilarClaims = Type.Object({
  threshold: Type.Number(),
  claims: Type.Array(SimilarClaim, { description: 'Best score first' }),
});
export type SimilarClaims = Static<typeof SimilarClaims>;

export const ReuseVerdictBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1, description: 'The claim version this write is based on' }),
    fromClaimId: Uuid,
  },
  { additionalProperties: false },
);
export type ReuseVerdictBody = Static<typeof ReuseVerdictBody>;

/** Where a reused verdict came from, as it was when reused (the claim may be gone since). */
export const ReusedFrom = Type.Object({
  claimId: Nullable(Uuid, { description: 'Null once that claim is deleted' }),
  documentId: Nullable(Uuid),
  documentTitle: Type.String(),
  reusedAt: Timestamp,
});
export type ReusedFrom = Static<typeof ReusedFrom>;
