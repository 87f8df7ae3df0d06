// Blind-review units → the agreement figures the dashboard and the report show: alpha over
// all units, kappa and alpha for each pair of reviewers over the units both rated, and alpha
// for each period. A unit is one round of independent verdicts on one claim. Runs in the
// worker pool (heavyTasks.ts): the bootstraps take tens of milliseconds on a busy workspace.
import type {
  AgreementEstimate,
  AgreementMethod,
  AgreementPair,
  AlphaFigures,
} from '@factdesk/model';
import { cohensKappa, type Estimate, krippendorffAlpha } from './reliability.ts';

/** Bootstrap resamples for each alpha's interval. */
export const ALPHA_RESAMPLES = 1000;
/** Fixed, so the same claims give the same interval on every page load and in every report. */
const SEED = 20070101;

export const AGREEMENT_METHOD: AgreementMethod = {
  level: 0.95,
  kappaMethod: 'large_sample_se',
  alphaMethod: 'coincidence_bootstrap',
  kappaInterval:
    '95% interval κ ± 1.96·SE, with the large-sample standard error of Fleiss, Cohen & Everitt (1969)',
  alphaInterval: `95% interval from ${ALPHA_RESAMPLES} bootstrap resamples of the observed coincidences (Hayes & Krippendorff 2007), 2.5th to 97.5th percentile`,
  resamples: ALPHA_RESAMPLES,
};

export interface UnitReview {
  reviewerId: string;
  /** The verdict's key on the workspace's scale. */
  verdict: string;
  /** Its rating then; null when it is not on the ordinal scale. */
  rating: number | null;
}

export interface ReviewedUnit {
  /** When the last of its verdicts was proposed (ISO 8601): the period it belongs to. */
  completedAt: string;
  reviews: UnitReview[];
}

export interface AgreementReviewerName {
  id: string;
  name: string;
}

/** A period as days for the page and as [start, end) instants for the units. */
export interface AgreementPeriodBounds {
  from: string;
  to: string;
  start: string;
  end: string;
}

export interface AgreementFiguresInput {
  units: ReviewedUnit[];
  reviewers: AgreementReviewerName[];
  periods: AgreementPeriodBounds[];
}

export interface AgreementFiguresResult {
  method: AgreementMethod;
  alpha: AlphaFigures;
  pairs: AgreementPair[];
  periods: { from: string; to: string; alpha: AlphaFigures }[];
}

export function agreementFigures(input: AgreementFiguresInput): AgreementFiguresResult {
  return {
    method: AGREEMENT_METHOD,
    alpha: alphaFigures(input.units),
    pairs: pairFigures(input.units, input.reviewers),
    periods: input.periods.map((period) => ({
      from: period.from,
      to: period.to,
      alpha: alphaFigures(
        input.units.filter(
          (unit) => unit.completedAt >= period.start && unit.completedAt < period.end,
        ),
      ),
    })),
  };
}

const byNumber = (a: number, b: number) => a - b;
const options = { resamples: ALPHA_RESAMPLES, seed: SEED };

/** Nominal over verdict keys; ordinal over ratings, verdicts off the scale left out. */
export function alphaFigures(units: readonly ReviewedUnit[]): AlphaFigures {
  const verdicts = units.map((unit) => unit.reviews.map((review) => review.verdict));
  const ratings = units.map((unit) =>
    unit.reviews.flatMap((review) => (review.rating === null ? [] : [review.rating])),
  );
  return {
    nominal: present(krippendorffAlpha(verdicts, 'nominal', options)),
    ordinal: present(krippendorffAlpha(ratings, 'ordinal', options, byNumber)),
  };
}

/** Every pair of reviewers who rated a unit together, most units first. */
function pairFigures(
  units: readonly ReviewedUnit[],
  reviewers: readonly AgreementReviewerName[],
): AgreementPair[] {
  const together = new Map<string, { first: string; second: string; units: ReviewedUnit[] }>();
  for (const unit of units) {
    const ids = [...new Set(unit.reviews.map((review) => review.reviewerId))].sort();
    for (let a = 0; a < ids.length; a++) {
      for (let b = a + 1; b < ids.length; b++) {
        const first = ids[a] as string;
        const second = ids[b] as string;
        const key = `${first} ${second}`;
        const entry = together.get(key) ?? { first, second, units: [] };
        entry.units.push({
          completedAt: unit.completedAt,
          reviews: unit.reviews.filter((r) => r.reviewerId === first || r.reviewerId === second),
        });
        together.set(key, entry);
      }
    }
  }
  const names = new Map(reviewers.map((reviewer) => [reviewer.id, reviewer.name]));
  const reviewer = (id: string) => ({ id, name: names.get(id) ?? '' });
  return [...together.values()]
    .map(({ first, second, units: shared }) => {
      const verdictOf = (unit: ReviewedUnit, id: string) =>
        unit.reviews.find((review) => review.reviewerId === id)?.verdict as string;
      return {
        reviewers: [reviewer(first), reviewer(second)].sort((a, b) => a.name.localeCompare(b.name)),
        kappa: present(
          cohensKappa(
            shared.map((unit) => [verdictOf(unit, first), verdictOf(unit, second)] as const),
          ),
        ),
        alpha: alphaFigures(shared),
      };
    })
    .sort((a, b) => b.kappa.units - a.kappa.units || pairName(a).localeCompare(pairName(b)));
}

const pairName = (pair: AgreementPair) => pair.reviewers.map((r) => r.name).join(' ');

function present(estimate: Estimate & { units: number }): AgreementEstimate {
  return {
    value: estimate.value,
    low: estimate.low,
    high: estimate.high,
    units: estimate.units,
    undefinedCode: estimate.undefinedCode,
    undefinedReason: estimate.undefinedReason,
  };
}
