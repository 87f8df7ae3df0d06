// A document's report carries each claim's time to verdict (seconds in JSON and CSV, "1 d 2 h"
// in HTML and Markdown) and, once its claims have finished rounds of blind review, the
// agreement of those rounds (JSON and HTML). Real workflow and database; clocks set afterwards
// so every figure is worked out by hand.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anchorFor, buildDocumentWithText, docFrom } from '../../testing/claimFactories.ts';
import { buildMember, buildWorkspace, type TestUser } from '../../testing/factories.ts';
import { buildTestApp, type TestApp } from '../../testing/testApp.ts';

const HOUR = 3600;

let t: TestApp;
let workspaceId: string;
let documentId: string;
let moderator: TestUser;
let rita: TestUser;
let sam: TestUser;
let approvedId: string;
let openId: string;
let thirdId: string;

async function call(user: TestUser, method: 'GET' | 'POST', url: string, payload?: object) {
  const response = await t.request({
    method,
    url,
    cookie: user.cookie,
    ...(payload ? { payload } : {}),
  });
  if (response.statusCode >= 300) throw new Error(`${method} ${url}: ${response.body}`);
  return response;
}

beforeAll(async () => {
  t = await buildTestApp();
  let owner: TestUser;
  ({ owner, workspaceId } = await buildWorkspace(t));
  moderator = await buildMember(t, owner, workspaceId, 'moderator');
  rita = await buildMember(t, owner, workspaceId, 'reviewer');
  sam = await buildMember(t, owner, workspaceId, 'reviewer');
  await t.db.sql`UPDATE users SET display_name = 'Rita' WHERE id = ${rita.id}`;
  await t.db.sql`UPDATE users SET display_name = 'Sam' WHERE id = ${sam.id}`;
  const built = await buildDocumentWithText(t.db.sql, {
    workspaceId,
    createdBy: owner.id,
    markdown: 'Taxes fell. Spending rose. Debt doubled. Rents eased.',
  });
  documentId = built.documentId;
  const create = async (exact: string) =>
    (
      await call(moderator, 'POST', `/api/documents/${documentId}/claims`, {
        anchor: anchorFor(docFrom(built.update), exact),
      })
    ).json();
  // Taken through assign → start → propose → approve, then created 2 d 4 h before approval
  // and assigned 3 h 10 min before the proposal.
  let claim = await create('Taxes fell');
  approvedId = claim.id;
  const url = `/api/claims/${claim.id}`;
  claim = (
    await call(moderator, 'POST', `${url}/assign`, {
      version: claim.version,
      reviewerIds: [rita.id],
    })
  ).json();
  claim = (await call(rita, 'POST', `${url}/start`, { version: claim.version })).json();
  claim = (
    await call(rita, 'POST', `${url}/propose`, { version: claim.version, verdict: 'false' })
  ).json();
  await call(moderator, 'POST', `${url}/approve`, { version: claim.version });
  await t.db.sql`
    UPDATE claims SET created_at = approved_at - make_interval(secs => ${52 * HOUR})
     WHERE id = ${approvedId}`;
  await t.db.sql`
    UPDATE claim_assignees ca SET created_at = c.proposed_at - make_interval(secs => ${3 * HOUR + 600})
      FROM claims c WHERE c.id = ca.claim_id AND ca.claim_id = ${approvedId}`;
  openId = (await create('Spending rose')).id;
  thirdId = (await create('Debt doubled')).id;
});
afterAll(() => t.close());

const report = (query: string) =>
  call(moderator, 'GET', `/api/documents/${documentId}/report?scope=all&${query}`);

describe('time to verdict per claim', () => {
  it('is in seconds in JSON and CSV, null or empty where the claim has not got there', async () => {
    const json = (await report('format=json')).json();
    const byId = Object.fromEntries(json.claims.map((c: { id: string }) => [c.id, c]));
    expect(byId[approvedId].timeToVerdict).toEqual({
      createdToApprovedSeconds: 52 * HOUR,
      assignedToProposedSeconds: 3 * HOUR + 600,
    });
    expect(byId[openId].timeToVerdict).toEqual({
      createdToApprovedSeconds: null,
      assignedToProposedSeconds: null,
    });
    const csv = (await report('format=csv')).body.replace(/^\uFEFF/, '').split('\r\n');
    const header = (csv[0] ?? '').split(',');
    const first = (csv[1] ?? '').split(',');
    const column = (name: string) => first[header.indexOf(name)];
    expect(column('created_to_approved_seconds')).toBe(String(52 * HOUR));
    expect(column('assigned_to_proposed_seconds')).toBe(String(3 * HOUR + 600));
  });

  it('reads "2 d 4 h" in HTML and Markdown', async () => {
    const html = (await report('format=html')).body;
    expect(html).toContain(
      '<dt>Time to verdict</dt><dd>created → approved 2 d 4 h · assigned → proposed 3 h 10 min</dd>',
    );
    const md = (await report('format=md')).body;
    expect(md).toContain(
      '**Time to verdict:** created → approved 2 d 4 h · assigned → proposed 3 h 10 min',
    );
  });
});

describe('agreement in the report', () => {
  it('is absent while no claim of the document has a finished blind round', async () => {
    expect((await report('format=json')).json().agreement).toBeUndefined();
    expect((await report('format=html')).body).not.toContain('Agreement of blind review');
  });

  it('gives alpha and kappa over the finished rounds, in JSON and HTML', async () => {
    // Two claims reviewed blind by Rita and Sam: they agree on one, not on the other.
    const claims = [approvedId, openId];
    const verdicts: [string, number, string, number][] = [
      ['false', 1, 'false', 1],
      ['true', 5, 'mostly_true', 4],
    ];
    for (const [index, [ritaVerdict, ritaRating, samVerdict, samRating]] of verdicts.entries()) {
      const claimId = claims[index] as string;
      await t.db.sql`UPDATE claims SET blind_reviews = 2 WHERE id = ${claimId}`;
      await t.db.sql`
        INSERT INTO claim_reviews (claim_id, workspace_id, round, reviewer_id, verdict, rating)
        VALUES (${claimId}, ${workspaceId}, 1, ${rita.id}, ${ritaVerdict}, ${ritaRating}),
               (${claimId}, ${workspaceId}, 1, ${sam.id}, ${samVerdict}, ${samRating})`;
    }
    const json = (await report('format=json')).json();
    // Nominal: 4 pairable values, o_ff = 2, o_t,mt = o_mt,t = 1: D_o = 2/4, D_e = (4·4 − 2·2 − 1 − 1)/(4·3).
    expect(json.agreement.alpha.nominal.units).toBe(2);
    expect(json.agreement.alpha.nominal.value).toBeCloseTo(1 - 2 / 4 / (10 / 12), 10);
    expect(json.agreement.pairs).toHaveLength(1);
    expect(json.agreement.pairs[0].reviewers.map((r: { name: string }) => r.name)).toEqual([
      'Rita',
      'Sam',
    ]);
    // κ: p_o = 1/2, p_e = 1/4 (each used two verdicts half the time): κ = 1/3.
    expect(json.agreement.pairs[0].kappa).toMatchObject({
      units: 2,
      value: expect.closeTo(1 / 3, 10),
    });
    expect(json.agreement.method.resamples).toBe(1000);
    const html = (await report('format=html')).body;
    expect(html).toContain('<h2>Agreement of blind review</h2>');
    expect(html).toMatch(
      /<dt>Same verdict<\/dt><dd>α 0\.40 \(−?\d\.\d\d–\d\.\d\d\), 2 claims<\/dd>/,
    );
  });

  it('leaves an unfinished round out: its verdicts are still hidden from the other reviewer', async () => {
    await t.db.sql`UPDATE claims SET blind_reviews = 3 WHERE id = ${thirdId}`;
    await t.db.sql`
      INSERT INTO claim_reviews (claim_id, workspace_id, round, reviewer_id, verdict, rating)
      VALUES (${thirdId}, ${workspaceId}, 1, ${rita.id}, 'true', 5),
             (${thirdId}, ${workspaceId}, 1, ${sam.id}, 'false', 1)`;
    const json = (await report('format=json')).json();
    expect(json.agreement.alpha.nominal.units).toBe(2);
    expect(json.agreement.alpha.nominal.value).toBeCloseTo(0.4, 10);
  });
});
