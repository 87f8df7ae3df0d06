// GET /api/workspaces/:id/dashboard/agreement, end to end on the real database and worker
// pool. Real claims and users; the independent verdicts are written into claim_reviews
// directly (the blind-review flow that fills it is tested on its own). The data are
// Krippendorff's published example (Computing Krippendorff's Alpha-Reliability, 2011,
// section C: observers A–D, 12 units, missing values), so the workspace figures must be the
// published nominal α 0.743 and ordinal α 0.815.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_PAIRS, ONE_VALUE_ONLY } from '../../agreement/reliability.ts';
import { anchorFor, buildDocumentWithText, docFrom } from '../../testing/claimFactories.ts';
import { buildMember, buildWorkspace, type TestUser } from '../../testing/factories.ts';
import { buildTestApp, type TestApp } from '../../testing/testApp.ts';

/** Ratings 1–5 on the default scale; "unverifiable" is off the ordinal scale. */
const KEY_OF_RATING = ['', 'false', 'misleading', 'mixed', 'mostly_true', 'true'];
const KRIPPENDORFF_2011: (number | null)[][] = [
  [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null], // A
  [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3], // B
  [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null], // C
  [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null], // D
];

let t: TestApp;
let workspaceId: string;
let owner: TestUser;
let moderator: TestUser;
let reviewer: TestUser;
let observers: TestUser[];
let claimIds: string[] = [];

async function review(
  claimId: string,
  user: TestUser,
  verdict: string,
  rating: number | null,
  proposedAt: string,
) {
  await t.db.sql`
    INSERT INTO claim_reviews (claim_id, workspace_id, round, reviewer_id, verdict, rating, proposed_at)
    VALUES (${claimId}, ${workspaceId}, 1, ${user.id}, ${verdict}, ${rating}, ${proposedAt})`;
}

beforeAll(async () => {
  t = await buildTestApp();
  ({ owner, workspaceId } = await buildWorkspace(t));
  moderator = await buildMember(t, owner, workspaceId, 'moderator');
  reviewer = await buildMember(t, owner, workspaceId, 'reviewer');
  observers = [];
  for (let i = 0; i < 4; i++) observers.push(await buildMember(t, owner, workspaceId, 'reviewer'));
  for (const [i, name] of ['Ada', 'Ben', 'Cleo', 'Dan'].entries()) {
    await t.db.sql`UPDATE users SET display_name = ${name} WHERE id = ${observers[i]?.id ?? ''}`;
  }
  const sentences = Array.from(
    { length: 16 },
    (_, i) => `Statement ${String.fromCharCode(65 + i)} holds.`,
  );
  const { documentId, update } = await buildDocumentWithText(t.db.sql, {
    workspaceId,
    createdBy: owner.id,
    markdown: sentences.join(' '),
  });
  claimIds = [];
  for (const sentence of sentences) {
    const response = await t.request({
      method: 'POST',
      url: `/api/documents/${documentId}/claims`,
      cookie: moderator.cookie,
      payload: { anchor: anchorFor(docFrom(update), sentence) },
    });
    expect(response.statusCode, response.body).toBe(201);
    claimIds.push(response.json().id);
  }
  // Units 1–6 finished in October 2026, 7–12 in November.
  for (let unit = 0; unit < 12; unit++) {
    const claimId = claimIds[unit] as string;
    const values = KRIPPENDORFF_2011.map((row) => row[unit] ?? null);
    const given = values.filter((value) => value !== null).length;
    await t.db.sql`UPDATE claims SET blind_reviews = ${given} WHERE id = ${claimId}`;
    const day = unit < 6 ? `2026-10-${10 + unit}` : `2026-11-${10 + unit}`;
    for (const [observer, value] of values.entries()) {
      if (value === null) continue;
      const at = `${day}T1${observer}:00:00Z`;
      await review(
        claimId,
        observers[observer] as TestUser,
        KEY_OF_RATING[value] as string,
        value,
        at,
      );
    }
  }
  // Unfinished: three verdicts asked for, two in, and they disagree. Never counted.
  await t.db.sql`UPDATE claims SET blind_reviews = 3 WHERE id = ${claimIds[12] ?? ''}`;
  await review(claimIds[12] as string, observers[0] as TestUser, 'true', 5, '2026-10-20T10:00:00Z');
  await review(
    claimIds[12] as string,
    observers[1] as TestUser,
    'false',
    1,
    '2026-10-20T11:00:00Z',
  );
  // December: one pair on the ordinal scale, one with "unverifiable" (no rating).
  for (const [index, [first, second]] of [
    [
      ['false', 1],
      ['false', 1],
    ],
    [
      ['false', 1],
      ['unverifiable', null],
    ],
  ].entries() as IterableIterator<[number, [string, number | null][]]>) {
    const claimId = claimIds[13 + index] as string;
    await t.db.sql`UPDATE claims SET blind_reviews = 2 WHERE id = ${claimId}`;
    await review(
      claimId,
      observers[0] as TestUser,
      first?.[0] as string,
      first?.[1] ?? null,
      '2026-12-02T10:00:00Z',
    );
    await review(
      claimId,
      observers[1] as TestUser,
      second?.[0] as string,
      second?.[1] ?? null,
      '2026-12-02T11:00:00Z',
    );
  }
});
afterAll(() => t.close());

const agreement = (user: TestUser, query: string) =>
  t.request({
    method: 'GET',
    url: `/api/workspaces/${workspaceId}/dashboard/agreement${query}`,
    cookie: user.cookie,
  });

describe('agreement figures', () => {
  it("gives Krippendorff's published alphas for the workspace, with intervals and units", async () => {
    const response = await agreement(moderator, '?from=2026-10-01&to=2026-11-30');
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.from).toBe('2026-10-01');
    expect(body.alpha.nominal.value).toBeCloseTo(0.743, 3);
    expect(body.alpha.ordinal.value).toBeCloseTo(0.815, 3);
    // 11 pairable units: unit 12 has one verdict; the unfinished claim is left out.
    expect(body.alpha.nominal.units).toBe(11);
    for (const figure of [body.alpha.nominal, body.alpha.ordinal]) {
      expect(figure.low).toBeLessThan(figure.value);
      expect(figure.high).toBeGreaterThan(figure.value);
      expect(figure.undefinedCode).toBeNull();
      expect(figure.undefinedReason).toBeNull();
    }
    // The method as facts for the dashboard to word, and in English for documents.
    expect(body.method).toMatchObject({
      level: 0.95,
      kappaMethod: 'large_sample_se',
      alphaMethod: 'coincidence_bootstrap',
    });
    expect(body.method.resamples).toBe(1000);
    expect(body.method.alphaInterval).toMatch(/Hayes & Krippendorff/);
  });

  it("gives Cohen's kappa for each pair over the claims both rated", async () => {
    const body = (await agreement(moderator, '?from=2026-10-01&to=2026-11-30')).json();
    // Six pairs among four observers; Ada and Ben share units 1–9.
    expect(body.pairs).toHaveLength(6);
    const adaBen = body.pairs.find(
      (pair: { reviewers: { name: string }[] }) =>
        pair.reviewers
          .map((r) => r.name)
          .sort()
          .join() === 'Ada,Ben',
    );
    // Agree on 8 of 9; margins Ada 3/3/2/1, Ben 2/4/2/1: p_o = 72/81, p_e = 23/81, κ = 49/58.
    expect(adaBen.kappa.units).toBe(9);
    expect(adaBen.kappa.value).toBeCloseTo(49 / 58, 10);
    expect(adaBen.kappa.low).toBeLessThan(adaBen.kappa.value);
    expect(adaBen.kappa.high).toBeLessThanOrEqual(1);
  });

  it('gives alpha month by month, and says so when a month has no pairs', async () => {
    const body = (await agreement(moderator, '?from=2026-09-15&to=2026-11-30')).json();
    expect(body.periods.map((p: { from: string; to: string }) => [p.from, p.to])).toEqual([
      ['2026-09-15', '2026-09-30'],
      ['2026-10-01', '2026-10-31'],
      ['2026-11-01', '2026-11-30'],
    ]);
    const [september, october, november] = body.periods;
    expect(september.alpha.nominal).toEqual({
      value: null,
      low: null,
      high: null,
      units: 0,
      undefinedCode: 'no_pairs',
      undefinedReason: NO_PAIRS,
    });
    expect(october.alpha.nominal.units).toBe(6);
    expect(november.alpha.nominal.units).toBe(5);
  });

  it('leaves verdicts off the ordinal scale out of ordinal alpha, and names one-value data', async () => {
    const body = (await agreement(moderator, '?from=2026-12-01&to=2026-12-31')).json();
    expect(body.alpha.nominal.units).toBe(2);
    // The only pair of ratings is 1 and 1: no variation to measure agreement against.
    expect(body.alpha.ordinal).toMatchObject({
      value: null,
      units: 1,
      undefinedCode: 'one_value_only',
      undefinedReason: ONE_VALUE_ONLY,
    });
    expect(body.alpha.nominal.value).not.toBeNull();
  });

  it('is for moderators and owners, with the dashboard period rules', async () => {
    const refused = await agreement(reviewer, '');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().message).toMatch(/dashboard.read/);
    const bad = await agreement(owner, '?from=2026-03-02&to=2026-03-01');
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ field: 'from' });
    const empty = (await agreement(owner, '?from=2027-06-01&to=2027-06-30')).json();
    expect(empty.pairs).toEqual([]);
    expect(empty.alpha.nominal).toMatchObject({
      undefinedCode: 'no_pairs',
      undefinedReason: NO_PAIRS,
    });
  });
});
