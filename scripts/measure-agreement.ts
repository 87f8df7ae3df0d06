// How long agreement figures take (docs/agreement.md): N finished blind-review units of two
// reviewers among six, over one year, 80% agreeing with a made-up truth, through
// agreementFigures — the worker pool's own job, workspace, 15 pairs and 12 months with their
// bootstraps. Run: pnpm exec tsx scripts/measure-agreement.ts
import { agreementFigures } from '../apps/server/src/agreement/agreementFigures.ts';
import { seededRandom } from '../apps/server/src/agreement/reliability.ts';
import { monthsOf } from '../apps/server/src/routes/dashboard/routes.ts';

const keys = ['true', 'mostly_true', 'mixed', 'misleading', 'false', 'unverifiable'];
const reviewers = Array.from({ length: 6 }, (_, i) => ({ id: `r${i}`, name: `R${i}` }));
const rnd = seededRandom(1);
for (const n of [100, 1000, 5000]) {
  const units = Array.from({ length: n }, (_, u) => {
    const truth = Math.floor(rnd() * 6);
    const a = Math.floor(rnd() * 6);
    let b = Math.floor(rnd() * 6);
    if (b === a) b = (b + 1) % 6;
    return {
      completedAt: new Date(Date.UTC(2026, Math.floor((u / n) * 12), 1 + (u % 27))).toISOString(),
      reviews: [a, b].map((r) => {
        const k = rnd() < 0.8 ? truth : Math.floor(rnd() * 6);
        return { reviewerId: `r${r}`, verdict: keys[k] as string, rating: k === 5 ? null : 5 - k };
      }),
    };
  });
  const periods = monthsOf('2026-01-01', '2026-12-31');
  const t0 = performance.now();
  const result = agreementFigures({ units, reviewers, periods });
  console.log(
    n,
    'units:',
    (performance.now() - t0).toFixed(0),
    'ms',
    'pairs',
    result.pairs.length,
    'alpha',
    result.alpha.nominal.value?.toFixed(3),
    result.alpha.nominal.low?.toFixed(3),
    result.alpha.nominal.high?.toFixed(3),
  );
}
