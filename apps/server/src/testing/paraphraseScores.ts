// Scores the labelled paraphrase pairs with the database's own reuse_score (migration 0012)
// and measures a threshold on them: shared by the tuning script and the test that holds the
// tuned threshold to its figures (docs/verdict-reuse.md).
import type { Queryable } from '../db/database.ts';
import { PARAPHRASE_PAIRS, type ParaphrasePair } from './paraphrasePairs.ts';

export interface ScoredPair extends ParaphrasePair {
  score: number;
}

export async function scoreParaphrasePairs(sql: Queryable): Promise<ScoredPair[]> {
  const rows = await sql<{ score: number }[]>`
    SELECT reuse_score(reuse_fold(p.a), reuse_fold(p.b)) AS score
    FROM unnest(${PARAPHRASE_PAIRS.map((p) => p.a)}::text[],
      ${PARAPHRASE_PAIRS.map((p) => p.b)}::text[]) WITH ORDINALITY AS p(a, b, n)
    ORDER BY p.n`;
  return PARAPHRASE_PAIRS.map((pair, i) => ({ ...pair, score: rows[i]?.score ?? 0 }));
}

export interface ThresholdFigures {
  threshold: number;
  precision: number;
  recall: number;
  f1: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
}

/** A pair is suggested when its score reaches the threshold, as the similar-claims query does. */
export function measureThreshold(
  pairs: readonly ScoredPair[],
  threshold: number,
): ThresholdFigures {
  const suggested = pairs.filter((p) => p.score >= threshold);
  const truePositives = suggested.filter((p) => p.same).length;
  const falsePositives = suggested.length - truePositives;
  const falseNegatives = pairs.filter((p) => p.same && p.score < threshold).length;
  const precision = suggested.length === 0 ? 1 : truePositives / suggested.length;
  const recall = truePositives / (truePositives + falseNegatives);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { threshold, precision, recall, f1, truePositives, falsePositives, falseNegatives };
}

/**
 * The threshold (in hundredths) with the best F1; of equals, the highest, since a wrong
 * suggestion costs a checker more than a missed one (they can still search).
 */
export function tuneThreshold(pairs: readonly ScoredPair[]): ThresholdFigures {
  let best = measureThreshold(pairs, 0.1);
  for (let hundredths = 11; hundredths <= 99; hundredths++) {
    const figures = measureThreshold(pairs, hundredths / 100);
    if (figures.f1 >= best.f1) best = figures;
  }
  return best;
}
