// API shapes of the workspace dashboard (docs/claims.md, "Time to verdict"): how long claims
// take, created → approved and assigned → proposed, as median and 90th percentile over a
// period, for the workspace, each reviewer and each document.
import { type Static, Type } from 'typebox';
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

const Seconds = Type.Union([Type.Number({ minimum: 0 }), Type.Null()]);

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
