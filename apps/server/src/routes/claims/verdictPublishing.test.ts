// Publishing verdicts over HTTP: the verdict scale (null ratings, the default re-saved,
// usage), ratings frozen at approval, the four-eyes rule and its owner override, and the
// ClaimReview export validated against its schema.
import { readFileSync } from 'node:fs';
import { DEFAULT_VERDICT_SCALE, type Role, type VerdictScale } from '@factdesk/model';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anchorFor, buildDocumentWithText, docFrom } from '../../testing/claimFactories.ts';
import { buildMember, buildWorkspace, type TestUser } from '../../testing/factories.ts';
import { requestsAs } from '../../testing/requests.ts';
import { buildTestApp, type TestApp } from '../../testing/testApp.ts';

const ARTICLE = [
  '# Budget row',
  '',
  'The minister said unemployment fell by 40% last year.',
  '',
  'She added that every school now has a nurse, and that wages stalled.',
  '',
  'Critics said exports doubled and that taxes fell for everyone.',
].join('\n');

let t: TestApp;
let workspaceId: string;
const members = {} as Record<Exclude<Role, 'viewer'>, TestUser>;
let moderator2: TestUser;
let documentId: string;
let update: Uint8Array;

beforeAll(async () => {
  t = await buildTestApp();
  const built = await buildWorkspace(t);
  workspaceId = built.workspaceId;
  members.owner = built.owner;
  members.moderator = await buildMember(t, built.owner, workspaceId, 'moderator');
  members.reviewer = await buildMember(t, built.owner, workspaceId, 'reviewer');
  moderator2 = await buildMember(t, built.owner, workspaceId, 'moderator');
  ({ documentId, update } = await buildDocumentWithText(t.db.sql, {
    workspaceId,
    createdBy: built.owner.id,
    markdown: ARTICLE,
  }));
});
afterAll(() => t.close());

const as = requestsAs(() => t);

function expectStatus(response: LightMyRequestResponse, status: number) {
  expect(response.statusCode, response.body).toBe(status);
  return response.json();
}

interface ApiClaim {
  id: string;
  version: number;
  status: string;
  verdict: string | null;
  approvedVerdict: {
    key: string;
    label: string;
    ratingValue: number | null;
    bestRating: number;
    worstRating: number;
  } | null;
  approvalOverride: boolean;
  abilities: Record<string, boolean>;
}

const scaleUrl = () => `/api/workspaces/${workspaceId}/verdict-scale`;

async function putScale(scale: VerdictScale, by: TestUser = members.owner) {
  return as(by, 'PUT', scaleUrl(), scale);
}

/** A claim taken to verdict_proposed: created and proposed by `proposer`. */
async function proposedClaim(
  exact: string,
  verdict: string,
  proposer: TestUser,
): Promise<ApiClaim> {
  let claim: ApiClaim = expectStatus(
    await as(proposer, 'POST', `/api/documents/${documentId}/claims`, {
      anchor: anchorFor(docFrom(update), exact),
      statement: `Claim: ${exact}`,
      claimant: { name: 'The minister', type: 'person' },
    }),
    201,
  );
  claim = expectStatus(
    await as(proposer, 'POST', `/api/claims/${claim.id}/start`, { version: claim.version }),
    200,
  );
  return expectStatus(
    await as(proposer, 'POST', `/api/claims/${claim.id}/propose`, {
      version: claim.version,
      verdict,
      rationale: 'Checked.',
    }),
    200,
  );
}

async function approve(claim: ApiClaim, by: TestUser, extra: object = {}) {
  return as(by, 'POST', `/api/claims/${claim.id}/approve`, { version: claim.version, ...extra });
}

async function history(claimId: string) {
  return expectStatus(await as(members.owner, 'GET', `/api/claims/${claimId}/history`), 200) as {
    type: string;
    before: Record<string, unknown> | null;
    after: Record<string, unknown> | null;
    subject: Record<string, unknown> | null;
  }[];
}

async function reportJson() {
  const response = await as(
    members.owner,
    'GET',
    `/api/documents/${documentId}/report?format=json&scope=all`,
  );
  return expectStatus(response, 200) as {
    claims: {
      id: string;
      status: string;
      verdict: ApiClaim['approvedVerdict'];
      selfApproved: boolean;
      fourEyesOverride: boolean;
    }[];
  };
}

describe('verdict scale', () => {
  it('the default scale can be saved back unchanged, its null rating still null', async () => {
    const got = expectStatus(await as(members.owner, 'GET', scaleUrl()), 200);
    expect(got.isDefault).toBe(true);
    const saved = expectStatus(await putScale(got.scale), 200);
    expect(saved.scale).toEqual(DEFAULT_VERDICT_SCALE);
    expect(saved.scale.labels.at(-1)).toEqual({
      key: 'unverifiable',
      label: 'Unverifiable',
      ratingValue: null,
    });
    const again = expectStatus(await as(members.reviewer, 'GET', scaleUrl()), 200);
    expect(again.scale.labels.at(-1).ratingValue).toBeNull();
    expect(again.isDefault).toBe(false);
  });

  it('a rating of 0 stays 0 and null stays null on a scale from 0', async () => {
    const scale: VerdictScale = {
      bestRating: 10,
      worstRating: 0,
      labels: [
        { key: 'true', label: 'True', ratingValue: 10, color: '#1a7f37' },
        { key: 'false', label: 'False', ratingValue: 0, color: '#cf222e' },
        { key: 'unverifiable', label: 'Unverifiable', ratingValue: null },
      ],
    };
    const saved = expectStatus(await putScale(scale), 200);
    expect(saved.scale).toEqual(scale);
    const [row] = await t.db.sql<{ verdict_scale: VerdictScale }[]>`
      SELECT verdict_scale FROM workspaces WHERE id = ${workspaceId}`;
    expect(row?.verdict_scale.labels.map((l) => l.ratingValue)).toEqual([10, 0, null]);
    expectStatus(await putScale(DEFAULT_VERDICT_SCALE), 200);
  });

  it('refuses a bad colour or a rating outside the bounds, naming the field, and changes nothing', async () => {
    const before = expectStatus(await as(members.owner, 'GET', scaleUrl()), 200);
    const badColour = await putScale({
      ...DEFAULT_VERDICT_SCALE,
      labels: [{ key: 'true', label: 'True', ratingValue: 5, color: 'red' }],
    });
    expect(badColour.statusCode).toBe(400);
    expect(badColour.json().message).toContain('color');
    const outside = await putScale({
      ...DEFAULT_VERDICT_SCALE,
      labels: [{ key: 'true', label: 'True', ratingValue: 9 }],
    });
    expect(expectStatus(outside, 400).field).toBe('labels.0.ratingValue');
    expect(expectStatus(await as(members.owner, 'GET', scaleUrl()), 200)).toEqual(before);
  });

  it('only owners change the scale', async () => {
    expect((await putScale(DEFAULT_VERDICT_SCALE, members.moderator)).statusCode).toBe(403);
  });
});

describe('approval freezes the verdict', () => {
  it('a later scale change never alters an approved claim; a re-approval takes the new values', async () => {
    const claim = await proposedClaim('unemployment fell by 40%', 'false', members.reviewer);
    const approved: ApiClaim = expectStatus(await approve(claim, members.moderator), 200);
    expect(approved.approvedVerdict).toEqual({
      key: 'false',
      label: 'False',
      ratingValue: 1,
      bestRating: 5,
      worstRating: 1,
    });
    const proposed = await proposedClaim('wages stalled', 'false', members.reviewer);

    // The owners move to a 0–10 scale and rename False.
    const scale: VerdictScale = {
      bestRating: 10,
      worstRating: 0,
      labels: DEFAULT_VERDICT_SCALE.labels.map((label) =>
        label.key === 'false'
          ? { ...label, label: 'Pants on fire', ratingValue: 0 }
          : { ...label, ratingValue: label.ratingValue === null ? null : label.ratingValue * 2 },
      ),
    };
    const saved = expectStatus(await putScale(scale), 200);
    expect(saved.usage).toContainEqual({ key: 'false', claims: 1, approved: 1 });

    const after: ApiClaim = expectStatus(
      await as(members.owner, 'GET', `/api/claims/${claim.id}`),
      200,
    );
    expect(after.approvedVerdict).toEqual(approved.approvedVerdict);
    const report = await reportJson();
    const frozen = report.claims.find((c) => c.id === claim.id);
    const live = report.claims.find((c) => c.id === proposed.id);
    expect(frozen?.verdict).toEqual({
      key: 'false',
      label: 'False',
      ratingValue: 1,
      bestRating: 5,
      worstRating: 1,
    });
    // A verdict not yet approved follows the scale.
    expect(live?.verdict).toEqual({
      key: 'false',
      label: 'Pants on fire',
      ratingValue: 0,
      bestRating: 10,
      worstRating: 0,
    });

    // Reopened and approved again: the scale of the day is frozen.
    const reopened: ApiClaim = expectStatus(
      await as(members.moderator, 'POST', `/api/claims/${claim.id}/reopen`, {
        version: after.version,
      }),
      200,
    );
    expect(reopened.approvedVerdict).toBeNull();
    const returned = await as(members.reviewer, 'POST', `/api/claims/${claim.id}/propose`, {
      version: reopened.version,
      verdict: 'false',
    });
    const reapproved: ApiClaim = expectStatus(
      await approve(expectStatus(returned, 200), members.moderator),
      200,
    );
    expect(reapproved.approvedVerdict).toEqual({
      key: 'false',
      label: 'Pants on fire',
      ratingValue: 0,
      bestRating: 10,
      worstRating: 0,
    });
    expectStatus(await putScale(DEFAULT_VERDICT_SCALE), 200);
  });
});

describe('four-eyes approval', () => {
  it('is on by default: the proposer cannot approve, the claim says why, nothing changes', async () => {
    const workspace = expectStatus(
      await as(members.owner, 'GET', `/api/workspaces/${workspaceId}`),
      200,
    );
    expect(workspace.fourEyes).toBe(true);
    const claim = await proposedClaim(
      'every school now has a nurse',
      'unverifiable',
      members.moderator,
    );
    expect(claim.abilities).toMatchObject({
      approve: false,
      fourEyesBlocked: true,
      approveOverride: false,
    });
    const refused = await approve(claim, members.moderator);
    expect(expectStatus(refused, 403).code).toBe('four_eyes');
    expect(refused.json().message).toContain('You proposed this verdict');
    // A moderator cannot override, even when asking to.
    expect(
      expectStatus(await approve(claim, members.moderator, { override: true }), 403).code,
    ).toBe('four_eyes');
    const unchanged: ApiClaim = expectStatus(
      await as(members.moderator, 'GET', `/api/claims/${claim.id}`),
      200,
    );
    expect(unchanged.version).toBe(claim.version);
    expect(unchanged.status).toBe('verdict_proposed');
    // Another moderator sees an ordinary Approve.
    const seen: ApiClaim = expectStatus(
      await as(moderator2, 'GET', `/api/claims/${claim.id}`),
      200,
    );
    expect(seen.abilities).toMatchObject({ approve: true, fourEyesBlocked: false });
    const approved: ApiClaim = expectStatus(await approve(claim, moderator2), 200);
    expect(approved.approvalOverride).toBe(false);
  });

  it('an owner may override it explicitly: the history says so and the report marks the claim', async () => {
    const claim = await proposedClaim('exports doubled', 'mostly_true', members.owner);
    expect(claim.abilities).toMatchObject({
      approve: false,
      fourEyesBlocked: true,
      approveOverride: true,
    });
    expect(expectStatus(await approve(claim, members.owner), 403).code).toBe('four_eyes');
    const approved: ApiClaim = expectStatus(
      await approve(claim, members.owner, { override: true }),
      200,
    );
    expect(approved.approvalOverride).toBe(true);
    const event = (await history(claim.id)).at(-1);
    expect(event?.type).toBe('claim.approved');
    expect(event?.after).toMatchObject({ status: 'approved', approval_override: true });
    const reported = (await reportJson()).claims.find((c) => c.id === claim.id);
    expect(reported).toMatchObject({ selfApproved: true, fourEyesOverride: true });
    const md = await as(members.owner, 'GET', `/api/documents/${documentId}/report?format=md`);
    expect(md.body).toContain("(who proposed it; an owner's override of the four-eyes rule)");
  });

  it('switched off by an owner, a moderator approves their own verdict without any override', async () => {
    const off = await as(members.owner, 'PATCH', `/api/workspaces/${workspaceId}`, {
      fourEyes: false,
    });
    expect(expectStatus(off, 200).fourEyes).toBe(false);
    expect(
      (await as(members.moderator, 'PATCH', `/api/workspaces/${workspaceId}`, { fourEyes: true }))
        .statusCode,
    ).toBe(403);
    const claim = await proposedClaim('taxes fell for everyone', 'misleading', members.moderator);
    expect(claim.abilities).toMatchObject({ approve: true, fourEyesBlocked: false });
    const approved: ApiClaim = expectStatus(await approve(claim, members.moderator), 200);
    expect(approved.approvalOverride).toBe(false);
    const reported = (await reportJson()).claims.find((c) => c.id === claim.id);
    expect(reported).toMatchObject({ selfApproved: true, fourEyesOverride: false });
    expectStatus(
      await as(members.owner, 'PATCH', `/api/workspaces/${workspaceId}`, { fourEyes: true }),
      200,
    );
  });
});

describe('ClaimReview export', () => {
  const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;
  const schema = JSON.parse(
    readFileSync(
      new URL('../../../../../packages/report/schemas/claimreview.schema.json', import.meta.url),
      'utf8',
    ),
  );
  const claimReviewUrl = `/api/documents/${'{id}'}/report?format=claimreview&scope=all`;
  const exportUrl = () => claimReviewUrl.replace('{id}', documentId);

  it('is refused until the document has a published fact-check URL, naming the field', async () => {
    const refused = await as(members.owner, 'GET', exportUrl());
    expect(expectStatus(refused, 400).field).toBe('factCheckUrl');
  });

  it('refuses bad organisation and fact-check URLs, naming the field', async () => {
    const cases: [string, object, string][] = [
      [
        `/api/workspaces/${workspaceId}`,
        { organization: { url: 'javascript:alert(1)' } },
        'organization.url',
      ],
      [
        `/api/workspaces/${workspaceId}`,
        { organization: { logoUrl: 'not a url' } },
        'organization.logoUrl',
      ],
      [
        `/api/documents/${documentId}`,
        { factCheckUrl: 'ftp://desk.example.org/x' },
        'factCheckUrl',
      ],
      [
        `/api/documents/${documentId}`,
        { factCheckUrl: 'https://desk.example.org/x#top' },
        'factCheckUrl',
      ],
    ];
    for (const [url, payload, field] of cases) {
      const response = await as(members.owner, 'PATCH', url, payload);
      expect(expectStatus(response, 400).field, JSON.stringify(payload)).toBe(field);
    }
  });

  it('every approved claim is one ClaimReview valid against schema.org and the markup guidelines', async () => {
    const workspace = expectStatus(
      await as(members.owner, 'PATCH', `/api/workspaces/${workspaceId}`, {
        organization: {
          name: 'Desk Checks',
          url: 'https://desk.example.org',
          logoUrl: 'https://desk.example.org/logo.png',
        },
      }),
      200,
    );
    expect(workspace.organization).toEqual({
      name: 'Desk Checks',
      url: 'https://desk.example.org/',
      logoUrl: 'https://desk.example.org/logo.png',
    });
    const document = expectStatus(
      await as(members.owner, 'PATCH', `/api/documents/${documentId}`, {
        factCheckUrl: 'https://desk.example.org/checks/budget',
        sourceUrl: 'https://news.example.com/budget',
        author: 'Jane Minister',
        publishedAt: '2026-11-18',
      }),
      200,
    );
    expect(document.factCheckUrl).toBe('https://desk.example.org/checks/budget');
    const response = await as(members.reviewer, 'GET', exportUrl());
    const reviews = expectStatus(response, 200) as Record<string, never>[];
    const validate = addFormats(new Ajv2020({ allErrors: true, strict: false })).compile(schema);
    expect(validate(reviews), JSON.stringify(validate.errors)).toBe(true);
    const approved = (await reportJson()).claims.filter((c) => c.status === 'approved');
    expect(approved.length).toBeGreaterThanOrEqual(4);
    expect(reviews).toHaveLength(approved.length);
    for (const review of reviews) {
      expect(review.url).toMatch(/^https:\/\/desk\.example\.org\/checks\/budget#claim-\d+$/);
      expect(review.author).toMatchObject({
        name: 'Desk Checks',
        url: 'https://desk.example.org/',
      });
    }
    const unverifiable = reviews.find(
      (r) =>
        (r.reviewRating as unknown as { alternateName: string }).alternateName === 'Unverifiable',
    );
    expect(unverifiable?.reviewRating).toEqual({
      '@type': 'Rating',
      alternateName: 'Unverifiable',
    });
    // Clearing the organisation name falls back to the workspace's own.
    const cleared = await as(members.owner, 'PATCH', `/api/workspaces/${workspaceId}`, {
      organization: { name: null },
    });
    expect(expectStatus(cleared, 200).organization.name).toBeNull();
  });
});
