// Inter-rater reliability (docs/agreement.md): Cohen's kappa for two reviewers with its
// large-sample standard error, and Krippendorff's alpha (nominal or ordinal) from the matrix of
// observed coincidences, with the bootstrap of Hayes & Krippendorff (2007). No npm package for
// this is kept up (the one "krippendorff" release has no interval and no kappa), so the
// formulas live here, small and checked against published worked examples
// (reliability.test.ts). Pure functions of plain data: they run in the worker pool.

import type { AgreementUndefinedCode } from '@factdesk/model';

/** One unit's values: what each reviewer who rated it gave (missing ones left out). */
export type UnitValues<V> = readonly V[];

/** A coefficient with its 95% interval, or why it has no value (a code, and in English). */
export type Estimate =
  | { value: number; low: number; high: number; undefinedCode: null; undefinedReason: null }
  | {
      value: null;
      low: null;
      high: null;
      undefinedCode: AgreementUndefinedCode;
      undefinedReason: string;
    };

/** Each reason in English, for documents and API clients (the web app words the code). */
export const UNDEFINED_REASONS: Record<AgreementUndefinedCode, string> = {
  no_pairs: 'No claim was rated by two reviewers, so there is nothing to compare.',
  one_value_only:
    'Every verdict given was the same one, so agreement beyond chance cannot be measured.',
};
export const NO_PAIRS = UNDEFINED_REASONS.no_pairs;
export const ONE_VALUE_ONLY = UNDEFINED_REASONS.one_value_only;

function undefinedEstimate(code: AgreementUndefinedCode): Estimate {
  return {
    value: null,
    low: null,
    high: null,
    undefinedCode: code,
    undefinedReason: UNDEFINED_REASONS[code],
  };
}

const Z_95 = 1.959963984540054;

// ---------------------------------------------------------------------------------------------
// Cohen's kappa

export type KappaEstimate = Estimate & { units: number; standardError: number | null };

/**
 * Cohen's kappa for two reviewers over the units both rated (`pairs`: [first's value, second's
 * value]). The interval is κ ± 1.96·SE with the large-sample variance of Fleiss, Cohen &
 * Everitt (1969) (Fleiss, Levin & Paik 2003, §18.1), clipped to [−1, 1].
 */
export function cohensKappa<V>(pairs: readonly (readonly [V, V])[]): KappaEstimate {
  const n = pairs.length;
  if (n === 0) return { ...undefinedEstimate('no_pairs'), units: 0, standardError: null };
  const categories = [...new Set(pairs.flat())];
  const index = new Map(categories.map((value, i) => [value, i]));
  const size = categories.length;
  // p[i][j]: share of units the first reviewer put in i and the second in j.
  const p = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  for (const [a, b] of pairs) {
    const row = p[index.get(a) as number] as number[];
    const column = index.get(b) as number;
    row[column] = (row[column] as number) + 1 / n;
  }
  const rowShare = p.map((row) => sum(row));
  const columnShare = categories.map((_, j) => sum(p.map((row) => row[j] as number)));
  const observed = sum(p.map((row, i) => row[i] as number));
  const chance = sum(rowShare.map((share, i) => share * (columnShare[i] as number)));
  if (chance >= 1) return { ...undefinedEstimate('one_value_only'), units: n, standardError: null };
  const kappa = (observed - chance) / (1 - chance);
  let diagonal = 0;
  let offDiagonal = 0;
  for (let i = 0; i < size; i++) {
    for (let j = 0; j < size; j++) {
      const share = (p[i] as number[])[j] as number;
      if (i === j) {
        const spread = 1 - ((rowShare[i] as number) + (columnShare[i] as number)) * (1 - kappa);
        diagonal += share * spread * spread;
      } else {
        offDiagonal += share * ((columnShare[i] as number) + (rowShare[j] as number)) ** 2;
      }
    }
  }
  const variance =
    (diagonal + (1 - kappa) ** 2 * offDiagonal - (kappa - chance * (1 - kappa)) ** 2) /
    (n * (1 - chance) ** 2);
  const standardError = Math.sqrt(Math.max(0, variance));
  return {
    value: kappa,
    low: Math.max(-1, kappa - Z_95 * standardError),
    high: Math.min(1, kappa + Z_95 * standardError),
    undefinedCode: null,
    undefinedReason: null,
    units: n,
    standardError,
  };
}

// ---------------------------------------------------------------------------------------------
// Krippendorff's alpha

export type AlphaMetric = 'nominal' | 'ordinal';

/** The matrix of observed coincidences o_ck over the values found, in their order. */
export interface Coincidences<V> {
  values: V[];
  /** o[c][k]: pairable values c and k met within units, each unit weighted 1/(m_u − 1). */
  o: number[][];
  /** n_c: how often each value is pairable (the matrix's margins). */
  margins: number[];
  /** n..: pairable values in all. */
  total: number;
  /** Σ m_u(m_u − 1)/2: the pairs of values within units (the bootstrap's draws per resample). */
  pairs: number;
  /** Units with two values or more. */
  units: number;
}

/** Coincidences of the units' values; `order` sorts them (the ordinal metric needs ranks). */
export function coincidences<V>(
  units: readonly UnitValues<V>[],
  order?: (a: V, b: V) => number,
): Coincidences<V> {
  const pairable = units.filter((unit) => unit.length >= 2);
  const values = [...new Set(pairable.flat())];
  if (order) values.sort(order);
  const index = new Map(values.map((value, i) => [value, i]));
  const o = values.map(() => new Array<number>(values.length).fill(0));
  let pairs = 0;
  for (const unit of pairable) {
    const weight = 1 / (unit.length - 1);
    pairs += (unit.length * (unit.length - 1)) / 2;
    for (let a = 0; a < unit.length; a++) {
      for (let b = 0; b < unit.length; b++) {
        if (a === b) continue;
        const row = o[index.get(unit[a] as V) as number] as number[];
        const column = index.get(unit[b] as V) as number;
        row[column] = (row[column] as number) + weight;
      }
    }
  }
  const margins = o.map((row) => sum(row));
  return { values, o, margins, total: sum(margins), pairs, units: pairable.length };
}

/**
 * δ²_ck. Nominal: 0 for the same value, 1 otherwise. Ordinal (Krippendorff 2011, eq. for
 * ordinal metric): (Σ_{g=c..k} n_g − (n_c + n_k)/2)², from the ranks' margins.
 */
export function differences<V>(matrix: Coincidences<V>, metric: AlphaMetric): number[][] {
  const { margins } = matrix;
  return margins.map((_, c) =>
    margins.map((__, k) => {
      if (c === k) return 0;
      if (metric === 'nominal') return 1;
      const [low, high] = c < k ? [c, k] : [k, c];
      let between = 0;
      for (let g = low; g <= high; g++) between += margins[g] as number;
      return (between - ((margins[c] as number) + (margins[k] as number)) / 2) ** 2;
    }),
  );
}

/** D_o and D_e; alpha = 1 − D_o / D_e. */
function disagreements<V>(matrix: Coincidences<V>, delta: number[][]) {
  const { o, margins, total } = matrix;
  let observed = 0;
  let expected = 0;
  for (let c = 0; c < margins.length; c++) {
    for (let k = 0; k < margins.length; k++) {
      const d = (delta[c] as number[])[k] as number;
      observed += ((o[c] as number[])[k] as number) * d;
      expected += (margins[c] as number) * (margins[k] as number) * d;
    }
  }
  return { observed: observed / total, expected: expected / (total * (total - 1)) };
}

export interface AlphaOptions {
  /** Bootstrap resamples for the interval. */
  resamples: number;
  /** Seed of the generator: the same data give the same interval every time. */
  seed: number;
}

/**
 * Krippendorff's alpha with a 95% bootstrap interval (Hayes & Krippendorff 2007; Krippendorff,
 * "Algorithm for bootstrapping a distribution of α", 2006/2011): each resample draws as many
 * pairs as the data hold, Σ m_u(m_u − 1)/2, from the observed coincidences in proportion to
 * o_ck / n.., and gives α* = 1 − D_o* / D_e with the data's own D_e; the interval is the 2.5th
 * and 97.5th percentiles of α*.
 */
export function krippendorffAlpha<V>(
  units: readonly UnitValues<V>[],
  metric: AlphaMetric,
  options: AlphaOptions,
  order?: (a: V, b: V) => number,
): Estimate & { units: number } {
  const matrix = coincidences(units, order);
  if (matrix.units === 0) return { ...undefinedEstimate('no_pairs'), units: 0 };
  const delta = differences(matrix, metric);
  const { observed, expected } = disagreements(matrix, delta);
  if (expected === 0) return { ...undefinedEstimate('one_value_only'), units: matrix.units };
  const alpha = 1 - observed / expected;
  const draws = bootstrapAlphas(matrix, delta, expected, options);
  return {
    value: alpha,
    low: percentile(draws, 0.025),
    high: percentile(draws, 0.975),
    undefinedCode: null,
    undefinedReason: null,
    units: matrix.units,
  };
}

function bootstrapAlphas<V>(
  matrix: Coincidences<V>,
  delta: number[][],
  expected: number,
  { resamples, seed }: AlphaOptions,
): Float64Array {
  // The cells as one line of cumulative probabilities, each with its δ².
  const cumulativeList: number[] = [];
  const deltaList: number[] = [];
  let running = 0;
  matrix.o.forEach((row, c) => {
    row.forEach((count, k) => {
      if (count <= 0) return;
      running += count / matrix.total;
      cumulativeList.push(running);
      deltaList.push((delta[c] as number[])[k] as number);
    });
  });
  const cumulative = Float64Array.from(cumulativeList);
  const cellDelta = Float64Array.from(deltaList);
  const guide = guideTable(cumulative);
  const random = seededRandom(seed);
  const draws = Math.max(1, Math.round(matrix.pairs));
  const last = cumulative.length - 1;
  const alphas = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    let total = 0;
    for (let d = 0; d < draws; d++) {
      const point = random();
      // The guide table starts the search at most a cell or two short of the answer.
      let cell = guide[Math.floor(point * GUIDE_SIZE)] as number;
      while (cell < last && (cumulative[cell] as number) <= point) cell++;
      total += cellDelta[cell] as number;
    }
    alphas[r] = 1 - total / draws / expected;
  }
  return alphas.sort();
}

const GUIDE_SIZE = 1024;

/** For each 1/GUIDE_SIZE slice of [0, 1): the first cell whose cumulative share exceeds its start. */
function guideTable(cumulative: Float64Array): Uint32Array {
  const guide = new Uint32Array(GUIDE_SIZE);
  let cell = 0;
  for (let slot = 0; slot < GUIDE_SIZE; slot++) {
    const start = slot / GUIDE_SIZE;
    while (cell < cumulative.length - 1 && (cumulative[cell] as number) <= start) cell++;
    guide[slot] = cell;
  }
  return guide;
}

/** Percentile of sorted values, interpolated between neighbours. */
function percentile(sorted: Float64Array, share: number): number {
  const position = share * (sorted.length - 1);
  const below = Math.floor(position);
  const above = Math.min(sorted.length - 1, below + 1);
  const lower = sorted[below] as number;
  return lower + ((sorted[above] as number) - lower) * (position - below);
}

/** mulberry32: small, fast and seedable; Math.random cannot be seeded. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function sum(values: readonly number[]): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}
