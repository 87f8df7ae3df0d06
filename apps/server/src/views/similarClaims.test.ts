// The "same claim elsewhere" threshold against the labelled paraphrase pairs
// (testing/paraphrasePairs.ts), scored by the database's own reuse_score on either database:
// it must still be the tuned one, and its precision and recall must not drop below the
// figures recorded in docs/verdict-reuse.md.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../db/database.ts';
import { PARAPHRASE_PAIRS } from '../testing/paraphrasePairs.ts';
import {
  measureThreshold,
  type ScoredPair,
  scoreParaphrasePairs,
  tuneThreshold,
} from '../testing/paraphraseScores.ts';
import { createTestDatabase } from '../testing/testDatabase.ts';
import { REUSE_THRESHOLD } from './similarClaims.ts';

let db: Database;
let pairs: ScoredPair[];

beforeAll(async () => {
  db = await createTestDatabase();
  pairs = await scoreParaphrasePairs(db.sql);
});
afterAll(() => db.close());

it('the labelled set holds at least 40 pairs of each kind, in French and in English', () => {
  for (const same of [true, false]) {
    const kind = PARAPHRASE_PAIRS.filter((pair) => pair.same === same);
    expect(kind.length).toBeGreaterThanOrEqual(40);
    expect(kind.filter((pair) => pair.lang === 'fr').length).toBeGreaterThanOrEqual(15);
    expect(kind.filter((pair) => pair.lang === 'en').length).toBeGreaterThanOrEqual(15);
  }
});

it('the threshold in use is the one tuning picks on the labelled set', () => {
  expect(tuneThreshold(pairs).threshold).toBe(REUSE_THRESHOLD);
});

it('at the threshold, precision stays at 0.96 and recall at 0.98 or better', () => {
  const figures = measureThreshold(pairs, REUSE_THRESHOLD);
  expect(figures.precision).toBeGreaterThanOrEqual(0.96);
  expect(figures.recall).toBeGreaterThanOrEqual(0.98);
});

it('scores ignore case, accents, punctuation and spacing, and other figures make another claim', async () => {
  const [row] = await db.sql<{ folded: number; figure: number }[]>`
    SELECT reuse_score(reuse_fold('L’ÉLYSÉE a dépensé 500 000 €…'),
        reuse_fold('l''elysee  a depense 500 000 € !')) AS folded,
      reuse_score(reuse_fold('Le chômage a baissé de 10 %'),
        reuse_fold('Le chômage a baissé de 3 %')) AS figure`;
  expect(row?.folded).toBe(1);
  expect(row?.figure).toBe(0);
});
