// The reliability formulas against published worked examples, with their published values.
import { describe, expect, it } from 'vitest';
import {
  cohensKappa,
  coincidences,
  differences,
  krippendorffAlpha,
  NO_PAIRS,
  ONE_VALUE_ONLY,
  seededRandom,
} from './reliability.ts';

const BOOTSTRAP = { resamples: 2000, seed: 16 };
const byNumber = (a: number, b: number) => a - b;
const Z = 1.959963984540054;

/**
 * Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability. Annenberg School for
 * Communication, University of Pennsylvania, section C ("Nominal data, any number of
 * observers, missing data"): observers A–D, units 1–12, "." = missing. Published: nominal
 * α = 0.743, ordinal α = 0.815 (interval 0.849). Unit 12 has one value and is not pairable.
 */
const KRIPPENDORFF_2011: (number | null)[][] = [
  // unit: 1   2  3  4  5  6  7  8  9   10    11    12
  [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null], // A
  [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3], // B
  [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null], // C
  [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null], // D
];
const units2011 = (KRIPPENDORFF_2011[0] as (number | null)[]).map((_, unit) =>
  KRIPPENDORFF_2011.map((observer) => observer[unit]).filter(
    (value): value is number => value !== null,
  ),
);

describe("Krippendorff's alpha, Krippendorff (2011) section C", () => {
  it('builds the published coincidence matrix: n.. = 40 pairable values, 11 units', () => {
    const matrix = coincidences(units2011, byNumber);
    expect(matrix.values).toEqual([1, 2, 3, 4, 5]);
    expect(matrix.total).toBeCloseTo(40, 10);
    expect(matrix.units).toBe(11);
    // Published margins n_c: 9, 13, 10, 5, 3.
    expect(matrix.margins.map((m) => Number(m.toFixed(6)))).toEqual([9, 13, 10, 5, 3]);
    // o_11 = 7, o_12 = 4/3, o_22 = 10, o_33 = 8, o_44 = 4, o_55 = 3 (published table).
    expect(matrix.o[0]?.[0]).toBeCloseTo(7, 10);
    expect(matrix.o[0]?.[1]).toBeCloseTo(4 / 3, 10);
    expect(matrix.o[1]?.[1]).toBeCloseTo(10, 10);
    expect(matrix.o[2]?.[2]).toBeCloseTo(8, 10);
  });

  it('gives the published nominal alpha, 0.743', () => {
    const result = krippendorffAlpha(units2011, 'nominal', BOOTSTRAP);
    expect(result.value).toBeCloseTo(0.743, 3);
    expect(result.units).toBe(11);
  });

  it('gives the published ordinal alpha, 0.815', () => {
    const result = krippendorffAlpha(units2011, 'ordinal', BOOTSTRAP, byNumber);
    expect(result.value).toBeCloseTo(0.815, 3);
  });

  it('brackets alpha with a bootstrap interval that is the same for the same seed', () => {
    const first = krippendorffAlpha(units2011, 'nominal', BOOTSTRAP);
    const again = krippendorffAlpha(units2011, 'nominal', BOOTSTRAP);
    expect(again).toEqual(first);
    if (first.value === null) throw new Error('alpha is defined here');
    expect(first.low).toBeLessThan(first.value);
    expect(first.high).toBeGreaterThan(first.value);
    expect(first.high).toBeLessThanOrEqual(1);
    // 36 disagreement-free pairs of 55: the interval is wide, but not everything.
    expect(first.high - first.low).toBeGreaterThan(0.1);
    expect(first.high - first.low).toBeLessThan(0.8);
  });
});

/**
 * No published interval of this bootstrap was found to test against (Hayes & Krippendorff 2007
 * and the KALPHA macro's pages, Krippendorff's bootstrapping note, the R packages kripp.boot,
 * krippendorffsalpha, irr and rel show no worked interval of this algorithm; an often-quoted
 * irr "interval" resamples raters, another method). So the interval is held to what the
 * algorithm itself implies. Each
 * resample's D_o* is the mean of M = Σ m_u(m_u − 1)/2 draws of δ²_ck with probabilities
 * o_ck / n..: its mean is D_o and its variance (E[δ⁴] − D_o²) / M, so α* = 1 − D_o* / D_e centres
 * on α with σ = √((E[δ⁴] − D_o²) / M) / D_e. With a few hundred units the mean of M draws is
 * close to normal, and the 2.5th and 97.5th percentiles of 1,000 resamples (what the figures
 * use) stand near α ∓ 1.96σ: their own resampling error is about 0.09σ, so 0.3σ is a bound a
 * right implementation keeps and a wrong M (n.. instead of the pairs: σ/√2), a recomputed D_e
 * or shifted percentiles would break.
 */
describe("Krippendorff's alpha bootstrap interval, against its sampling distribution", () => {
  // 300 claims: most rated by two reviewers, every fifth by three; 4 ordered verdicts; the
  // reviewers agree about 70% of the time. Seeded: the same data every run.
  const random = seededRandom(2007);
  const pick = () => Math.floor(random() * 4);
  const units = Array.from({ length: 300 }, (_, unit) => {
    const first = pick();
    const others = unit % 5 === 0 ? 2 : 1;
    return [first, ...Array.from({ length: others }, () => (random() < 0.7 ? first : pick()))];
  });

  for (const metric of ['nominal', 'ordinal'] as const) {
    it(`${metric}: the 95% interval stands at α ∓ 1.96σ of the algorithm's own distribution`, () => {
      const matrix = coincidences(units, byNumber);
      const delta = differences(matrix, metric);
      let observed = 0;
      let observedSquared = 0;
      let expected = 0;
      matrix.o.forEach((row, c) => {
        row.forEach((count, k) => {
          const d = (delta[c] as number[])[k] as number;
          observed += (count / matrix.total) * d;
          observedSquared += (count / matrix.total) * d * d;
          expected += (matrix.margins[c] as number) * (matrix.margins[k] as number) * d;
        });
      });
      expected /= matrix.total * (matrix.total - 1);
      const sigma = Math.sqrt((observedSquared - observed ** 2) / matrix.pairs) / expected;
      expect(matrix.pairs).toBe(240 + 60 * 3);

      const result = krippendorffAlpha(units, metric, { resamples: 1000, seed: 7 }, byNumber);
      if (result.value === null) throw new Error('alpha is defined here');
      expect(result.value).toBeCloseTo(1 - observed / expected, 10);
      expect(Math.abs(result.low - (result.value - Z * sigma))).toBeLessThan(0.3 * sigma);
      expect(Math.abs(result.high - (result.value + Z * sigma))).toBeLessThan(0.3 * sigma);
    });
  }
});

describe("Cohen's kappa", () => {
  /** Expand a 2 × 2 table (rows: first reviewer, columns: second) into rated units. */
  const table = (cells: [[number, number], [number, number]]) =>
    cells.flatMap((row, i) =>
      row.flatMap((count, j) => Array.from({ length: count }, () => [i, j] as const)),
    );

  it('Wikipedia, "Cohen\'s kappa", simple example: 50 proposals, 20/5/10/15 → κ = 0.4', () => {
    const result = cohensKappa(
      table([
        [20, 5],
        [10, 15],
      ]),
    );
    expect(result.value).toBeCloseTo(0.4, 10);
    expect(result.units).toBe(50);
  });

  it('Fleiss, Levin & Paik (2003) large-sample SE, as in statpsych ci.kappa(.05, 31, 12, 4, 58): κ 0.6757, SE 0.07345, CI 0.5317–0.8196', () => {
    // Bonett's statpsych documents this example with its output; its Cohen-kappa row uses the
    // Fleiss–Cohen–Everitt (1969) variance (Fleiss, Levin & Paik 2003, eq. 18.16).
    const result = cohensKappa(
      table([
        [31, 12],
        [4, 58],
      ]),
    );
    expect(result.value).toBeCloseTo(0.6756757, 6);
    expect(result.standardError).toBeCloseTo(0.07344761, 6);
    expect(result.low).toBeCloseTo(0.531721, 5);
    expect(result.high).toBeCloseTo(0.8196303, 5);
  });

  it('works on verdict keys with more than two categories and agrees with alpha on perfect data', () => {
    const pairs = [
      ['false', 'false'],
      ['true', 'true'],
      ['misleading', 'misleading'],
    ] as const;
    expect(cohensKappa(pairs).value).toBe(1);
  });
});

describe('edge cases: said in words, never NaN', () => {
  it('no pairs at all', () => {
    expect(cohensKappa([])).toMatchObject({
      value: null,
      units: 0,
      undefinedCode: 'no_pairs',
      undefinedReason: NO_PAIRS,
    });
    const alpha = krippendorffAlpha([['false'], []], 'nominal', BOOTSTRAP);
    expect(alpha).toMatchObject({ value: null, units: 0, undefinedReason: NO_PAIRS });
  });

  it('one category only: alpha and kappa are undefined, and say why', () => {
    const units = [
      ['false', 'false'],
      ['false', 'false', 'false'],
    ];
    expect(krippendorffAlpha(units, 'nominal', BOOTSTRAP)).toMatchObject({
      value: null,
      units: 2,
      undefinedReason: ONE_VALUE_ONLY,
    });
    expect(
      cohensKappa([
        ['false', 'false'],
        ['false', 'false'],
      ]),
    ).toMatchObject({ value: null, undefinedReason: ONE_VALUE_ONLY });
  });

  it('units with a missing second value are left out, the rest still counts', () => {
    const result = krippendorffAlpha(
      [['false'], ['false', 'true'], ['true', 'true'], ['false', 'false']],
      'nominal',
      BOOTSTRAP,
    );
    expect(result.units).toBe(3);
    // 6 pairable values: o_ff = 2, o_tt = 2, o_ft = o_tf = 1; D_o = 2/6, D_e = 2·3·3/(6·5).
    expect(result.value).toBeCloseTo(1 - 2 / 6 / (18 / 30), 10);
  });
});
