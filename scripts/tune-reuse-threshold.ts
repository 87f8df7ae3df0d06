// Tunes the "same claim elsewhere" threshold on the labelled paraphrase pairs
// (apps/server/src/testing/paraphrasePairs.ts): scores every pair with the embedded database's
// reuse_score, sweeps thresholds and prints the one with the best F1, with its precision and
// recall, the pairs it gets wrong and a few neighbours. Put the result in
// apps/server/src/views/similarClaims.ts (REUSE_THRESHOLD) and docs/verdict-reuse.md.
// Usage: pnpm exec tsx scripts/tune-reuse-threshold.ts
import {
  measureThreshold,
  scoreParaphrasePairs,
  tuneThreshold,
} from '../apps/server/src/testing/paraphraseScores.ts';
import { createTestDatabase } from '../apps/server/src/testing/testDatabase.ts';

const db = await createTestDatabase('embedded');
try {
  const pairs = await scoreParaphrasePairs(db.sql);
  const positives = pairs.filter((p) => p.same).length;
  console.log(
    `${pairs.length} pairs: ${positives} same claim, ${pairs.length - positives} different`,
  );
  const best = tuneThreshold(pairs);
  const row = (t: number) => {
    const f = measureThreshold(pairs, t);
    return `${t.toFixed(2)}  precision ${f.precision.toFixed(3)}  recall ${f.recall.toFixed(3)}  F1 ${f.f1.toFixed(3)}  (${f.truePositives} right, ${f.falsePositives} wrong, ${f.falseNegatives} missed)`;
  };
  for (const t of [0.3, 0.4, 0.45, 0.5, best.threshold, 0.6, 0.7, 0.8]
    .sort((a, b) => a - b)
    .filter((t, i, all) => all.indexOf(t) === i)) {
    console.log(`${t === best.threshold ? '→' : ' '} ${row(t)}`);
  }
  console.log(`\nbest F1 at ${best.threshold.toFixed(2)}; what it gets wrong:`);
  for (const p of pairs) {
    const suggested = p.score >= best.threshold;
    if (suggested !== p.same) {
      console.log(`  ${p.same ? 'missed' : 'wrong '} ${p.score.toFixed(2)}  ${p.a} | ${p.b}`);
    }
  }
} finally {
  await db.close();
}
