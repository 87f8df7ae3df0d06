// API shapes of the workspace dashboard (docs/claims.md, "Time to verdict"): how long claims
// take, created → approved and assigned → proposed, as median and 90th percentile over a
// period, for the workspace, each reviewer and each document.
import { type Static, Type } from 'typebox';
import { Nullable } from './nullable.ts';
import { CalendarDay, Uuid } from './schemas.ts';

/** The longest period one request may cover. */
export const DASHBOARD_MAX_DAYS = 366;
/** The period when none is asked for: the last 30 days, today included. */
export const DASHBOARD_DEFAULT_DAYS = 30;

export const DashboardQuery = Type.Object(
  {
    from: Type.Optional(CalendarDay),
    to: Type.Optional(CalendarDay),
  },
  { additionalProperties: false },
);
export type DashboardQuery = Static<typeof DashboardQuery>;

const Seconds = Nullable(Type.Number({ minimum: 0 }));

/** How long something took, over `count` cases; null figures when there is none. */
export const Durations = Type.Object({
  count: Type.Integer({ minimum: 0 }),
  medianSeconds: Seconds,
  p90Seconds: Seconds,
});
export type Durations = Static<typeof Durations>;

export const TimeToVerdict = Type.Object({
  /** Claims approved in the period: from their creation to their approval. */
  createdToApproved: Durations,
  /** First proposals in the period: from the proposer's assignment to the proposal. */
  assignedToProposed: Durations,
});
export type TimeToVerdict = Static<typeof TimeToVerdict>;

const Row = Type.Object({
  id: Uuid,
  name: Type.String(),
  createdToApproved: Durations,
  assignedToProposed: Durations,
});

export const Dashboard = Type.Object({
  from: CalendarDay,
  to: CalendarDay,
  workspace: TimeToVerdict,
  reviewers: Type.Array(Row),
  documents: Type.Array(Row),
});
export type Dashboard = Static<typeof Dashboard>;
export type DashboardRow = Dashboard['reviewers'][number];

// Agreement of blind double review (docs/agreement.md): Cohen's kappa per reviewer pair and
// Krippendorff's alpha, nominal over verdict keys and ordinal over ratings, each with a 95%
// interval and the number of claims it rests on.

/**
 * Why a figure has no value: `no_pairs`, no claim was rated by two reviewers; `one_value_only`,
 * every verdict given was the same one, so agreement beyond chance cannot be measured.
 */
export const AGREEMENT_UNDEFINED_CODES = ['no_pairs', 'one_value_only'] as const;
export type AgreementUndefinedCode = (typeof AGREEMENT_UNDEFINED_CODES)[number];

/** A coefficient, its 95% interval and the units (claim review rounds) it rests on. */
export const AgreementEstimate = Type.Object({
  /** null when it cannot be computed; `undefinedCode` says why. */
  value: Nullable(Type.Number()),
  low: Nullable(Type.Number()),
  high: Nullable(Type.Number()),
  units: Type.Integer({ minimum: 0 }),
  /** Why there is no value, as a code each client words in its reader's language. */
  undefinedCode: Nullable(Type.Enum(AGREEMENT_UNDEFINED_CODES)),
  /** The same in an English sentence, for documents (the report) and API clients. */
  undefinedReason: Nullable(Type.String()),
});
export type AgreementEstimate = Static<typeof AgreementEstimate>;

/** Krippendorff's alpha over verdict keys (nominal) and over ratings (ordinal). */
export const AlphaFigures = Type.Object({
  nominal: AgreementEstimate,
  ordinal: AgreementEstimate,
});
export type AlphaFigures = Static<typeof AlphaFigures>;

export const AgreementReviewer = Type.Object({ id: Uuid, name: Type.String() });

export const AgreementPair = Type.Object({
  reviewers: Type.Array(AgreementReviewer, { minItems: 2, maxItems: 2 }),
  kappa: AgreementEstimate,
  alpha: AlphaFigures,
});
export type AgreementPair = Static<typeof AgreementPair>;

export const AgreementPeriod = Type.Object({
  from: CalendarDay,
  to: CalendarDay,
  alpha: AlphaFigures,
});
export type AgreementPeriod = Static<typeof AgreementPeriod>;

/**
 * How the intervals were computed, said once for every figure: as facts (the level, each
 * coefficient's method, the resamples) for clients to word, and in English sentences for
 * documents (the report) and API clients.
 */
export const AgreementMethod = Type.Object({
  /** The intervals' confidence level: 0.95. */
  level: Type.Number({ exclusiveMinimum: 0, exclusiveMaximum: 1 }),
  /** κ ± z·SE with the large-sample standard error of Fleiss, Cohen & Everitt (1969). */
  kappaMethod: Type.Literal('large_sample_se'),
  /** Percentiles of bootstrap resamples of the observed coincidences (Hayes & Krippendorff 2007). */
  alphaMethod: Type.Literal('coincidence_bootstrap'),
  kappaInterval: Type.String(),
  alphaInterval: Type.String(),
  resamples: Type.Integer({ minimum: 1 }),
});
export type AgreementMethod = Static<typeof AgreementMethod>;

/** Agreement over a set of blind-reviewed claims (a workspace's period or a document). */
export const AgreementSummary = Type.Object({
  method: AgreementMethod,
  alpha: AlphaFigures,
  pairs: Type.Array(AgreementPair),
});
export type AgreementSummary = Static<typeof AgreementSummary>;

/** GET /api/workspaces/:id/dashboard/agreement: the summary, and alpha month by month. */
export const Agreement = Type.Object({
  from: CalendarDay,
  to: CalendarDay,
  method: AgreementMethod,
  alpha: AlphaFigures,
  pairs: Type.Array(AgreementPair),
  periods: Type.Array(AgreementPeriod),
});
export type Agreement = Static<typeof Agreement>;
