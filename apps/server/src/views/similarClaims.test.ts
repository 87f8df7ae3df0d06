// The "same claim elsewhere" threshold against the labelled paraphrase pairs
// (testing/paraphrasePairs.ts), scored by the database's own reuse_score on either database:
// it must still be the tuned one, and its precision and recall must not drop below the
// figures recorded in docs/verdict-reuse.md.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../db/database.ts';
import { findSimilarApprovedClaims, REUSE_CANDIDATE_LIMITS } from '../queries/similarClaims.ts';
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

it('the look-up finds, from the rarest terms alone, every labelled pair the score accepts, among 1,000 claims on the same topics', async () => {
  // Every pair's second text is an approved claim; 1,000 more approved claims mix the labelled
  // set's own words, so the topic words are common and rarity decides. Candidates come from the
  // REUSE_CANDIDATE_LIMITS.RARE_TERMS rarest terms only (no extra budget): the look-up must
  // return exactly the pairs whose score reaches the threshold, with that score.
  const [user] = await db.sql<{ id: string }[]>`
    INSERT INTO users (email, display_name, password_hash)
    VALUES ('pairs@example.com', 'Pairs', 'x') RETURNING id`;
  const [workspace] = await db.sql<{ id: string }[]>`
    INSERT INTO workspaces (name) VALUES ('Pairs desk') RETURNING id`;
  const workspaceId = workspace?.id ?? '';
  const [document] = await db.sql<{ id: string }[]>`
    INSERT INTO documents (workspace_id, title, language, created_by)
    VALUES (${workspaceId}, 'Pairs', 'fr', ${user?.id ?? null}) RETURNING id`;
  const words = PARAPHRASE_PAIRS.flatMap((pair) => `${pair.a} ${pair.b}`.split(/\s+/));
  let state = 7;
  const next = () => {
    state = (state * 48271) % 2147483647;
    return state;
  };
  const filler = Array.from({ length: 1000 }, () =>
    Array.from({ length: 8 + (next() % 6) }, () => words[next() % words.length]).join(' '),
  );
  const texts = [...PARAPHRASE_PAIRS.map((pair) => pair.b), ...filler];
  // Each claim's rationale holds its place in texts, to tell the pairs' claims apart.
  const claims = await db.sql<{ id: string; rationale: string }[]>`
    INSERT INTO claims (document_id, workspace_id, status, verdict, statement, quote_exact,
      current_quote, rationale, anchor_start, anchor_end, approved_at, approved_label)
    SELECT ${document?.id ?? ''}, ${workspaceId}, 'approved', 'false', t, t, t, n::text,
      'AA==', 'AA==', now(), 'False'
    FROM unnest(${texts}::text[]) WITH ORDINALITY AS x(t, n)
    RETURNING id, rationale`;
  const claimOfPair = new Map(claims.map((claim) => [Number(claim.rationale) - 1, claim.id]));
  for (const [i, pair] of pairs.entries()) {
    const rows = await findSimilarApprovedClaims(db.sql, {
      workspaceId,
      texts: [pair.a],
      threshold: REUSE_THRESHOLD,
      limit: 20,
      candidateLimits: { ...REUSE_CANDIDATE_LIMITS, POSTINGS_BUDGET: 0 },
    });
    const found = rows.find((row) => row.id === claimOfPair.get(i));
    if (pair.score >= REUSE_THRESHOLD) {
      expect(found?.score, `${pair.a} | ${pair.b}`).toBeCloseTo(pair.score, 5);
    } else {
      expect(found, `${pair.a} | ${pair.b}`).toBeUndefined();
    }
  }
});

it('the word index follows approvals, edits, reopening and deletion (migration 0015)', async () => {
  const [workspace] = await db.sql<{ id: string }[]>`
    INSERT INTO workspaces (name) VALUES ('Terms desk') RETURNING id`;
  const workspaceId = workspace?.id ?? '';
  const [document] = await db.sql<{ id: string }[]>`
    INSERT INTO documents (workspace_id, title, language)
    VALUES (${workspaceId}, 'Terms', 'fr') RETURNING id`;
  const insert = (statement: string, status: string) => db.sql<{ id: string }[]>`
    INSERT INTO claims (document_id, workspace_id, status, verdict, statement, quote_exact,
      current_quote, anchor_start, anchor_end)
    VALUES (${document?.id ?? ''}, ${workspaceId}, ${status}, 'false', ${statement}, '', '',
      'AA==', 'AA==') RETURNING id`;
  const index = async () => {
    const terms = await db.sql<{ term: string; claims: number }[]>`
      SELECT term, claims FROM reuse_term_counts
      WHERE workspace_id = ${workspaceId} AND claims > 0 ORDER BY term`;
    const [postings] = await db.sql<{ n: number }[]>`
      SELECT count(*)::int AS n FROM reuse_terms WHERE workspace_id = ${workspaceId}`;
    return { terms: terms.map((t) => `${t.term}:${t.claims}`), postings: postings?.n };
  };
  const [first] = await insert('Le chômage augmente à Paris', 'approved');
  await insert('Le chômage augmenteront', 'open');
  expect(await index()).toEqual({ terms: ['augmen:1', 'chomag:1', 'paris:1'], postings: 3 });
  const [second] = await insert('Les loyers augmentent', 'approved');
  expect(await index()).toEqual({
    terms: ['augmen:2', 'chomag:1', 'loyers:1', 'paris:1'],
    postings: 5,
  });
  await db.sql`UPDATE claims SET statement = 'Le chômage baisse à Lyon' WHERE id = ${first?.id ?? ''}`;
  expect(await index()).toEqual({
    terms: ['augmen:1', 'baisse:1', 'chomag:1', 'loyers:1', 'lyon:1'],
    postings: 5,
  });
  await db.sql`UPDATE claims SET status = 'in_review' WHERE id = ${second?.id ?? ''}`;
  expect(await index()).toEqual({ terms: ['baisse:1', 'chomag:1', 'lyon:1'], postings: 3 });
  await db.sql`DELETE FROM claims WHERE id = ${first?.id ?? ''}`;
  expect(await index()).toEqual({ terms: [], postings: 0 });
});
