// Who may do what, through the HTTP API: every role against every claim, evidence, comment,
// assignment, import and lock command, each case on a fresh claim already in the state the
// command needs, so the workflow never decides the answer. The table is docs/claims.md's
// "Who may do what" written out; 2xx means the command succeeded.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anchorFor, buildDocumentWithText, docFrom } from '../../testing/claimFactories.ts';
import { buildDocument } from '../../testing/documentFactories.ts';
import { buildMember, buildWorkspace, type TestUser } from '../../testing/factories.ts';
import { buildTestApp, type TestApp } from '../../testing/testApp.ts';

const ROLES = [
  'owner',
  'moderator',
  'assigned reviewer',
  'uninvolved reviewer',
  'creator reviewer',
  'commenter',
  'viewer',
  'non-member',
] as const;
type Who = (typeof ROLES)[number];
type Expected = '2xx' | 403 | 404;

let t: TestApp;
let workspaceId: string;
let documentId: string;
let update: Uint8Array;
const users = {} as Record<Who, TestUser>;

beforeAll(async () => {
  t = await buildTestApp();
  const built = await buildWorkspace(t);
  workspaceId = built.workspaceId;
  users.owner = built.owner;
  users.moderator = await buildMember(t, built.owner, workspaceId, 'moderator');
  users['assigned reviewer'] = await buildMember(t, built.owner, workspaceId, 'reviewer');
  users['uninvolved reviewer'] = await buildMember(t, built.owner, workspaceId, 'reviewer');
  users['creator reviewer'] = await buildMember(t, built.owner, workspaceId, 'reviewer');
  users.commenter = await buildMember(t, built.owner, workspaceId, 'commenter');
  users.viewer = await buildMember(t, built.owner, workspaceId, 'viewer');
  const elsewhere = await t.request({
    method: 'POST',
    url: '/api/workspaces',
    cookie: users.viewer.cookie,
    payload: { name: 'Elsewhere' },
  });
  users['non-member'] = await buildMember(t, users.viewer, elsewhere.json().id, 'owner');
  ({ documentId, update } = await buildDocumentWithText(t.db.sql, {
    workspaceId,
    createdBy: built.owner.id,
    markdown: 'The minister said unemployment fell by 40%. Critics said wages stalled.',
  }));
});
afterAll(() => t.close());

async function call(user: TestUser, method: string, url: string, payload?: object) {
  return t.request({
    method: method as 'POST',
    url,
    cookie: user.cookie,
    ...(payload ? { payload } : {}),
  });
}

/** A setup step that must succeed; returns the JSON body. */
async function must(user: TestUser, method: string, url: string, payload?: object) {
  const response = await call(user, method, url, payload);
  if (response.statusCode >= 300) throw new Error(`setup ${method} ${url}: ${response.body}`);
  return response.json();
}

type Stage =
  | 'assigned'
  | 'in_review'
  | 'verdict_proposed'
  | 'approved'
  | 'with_evidence'
  | 'adjudication';

/**
 * A fresh claim, created by the creator reviewer (for that role's cases) or the moderator,
 * assigned to the assigned reviewer, then taken by the moderator to `stage`.
 */
async function freshClaim(who: Who, stage: Stage) {
  const creator = who === 'creator reviewer' ? users['creator reviewer'] : users.moderator;
  const mod = users.moderator;
  const anchor = anchorFor(docFrom(update), 'wages stalled');
  let claim = await must(creator, 'POST', `/api/documents/${documentId}/claims`, { anchor });
  const url = `/api/claims/${claim.id}`;
  claim = await must(mod, 'POST', `${url}/assign`, {
    version: claim.version,
    reviewerIds: [users['assigned reviewer'].id],
  });
  let evidenceId: string | undefined;
  if (stage === 'adjudication') {
    // Blind review of two: the assigned and the creator reviewer disagree.
    claim = await must(mod, 'POST', `${url}/blind-reviews`, {
      version: claim.version,
      blindReviews: 2,
    });
    claim = await must(mod, 'POST', `${url}/assign`, {
      version: claim.version,
      reviewerIds: [users['creator reviewer'].id],
    });
    claim = await must(mod, 'POST', `${url}/start`, { version: claim.version });
    claim = await must(users['assigned reviewer'], 'POST', `${url}/propose`, {
      version: claim.version,
      verdict: 'false',
    });
    claim = await must(users['creator reviewer'], 'POST', `${url}/propose`, {
      version: claim.version,
      verdict: 'true',
    });
  }
  if (stage === 'with_evidence') {
    const added = await must(mod, 'POST', `${url}/evidence`, {
      version: claim.version,
      url: 'https://stats.example/wages',
      kind: 'official_data',
      stance: 'refutes',
    });
    claim = added.claim;
    evidenceId = added.evidence.id;
  }
  if (stage === 'in_review' || stage === 'verdict_proposed' || stage === 'approved') {
    claim = await must(mod, 'POST', `${url}/start`, { version: claim.version });
  }
  if (stage === 'verdict_proposed' || stage === 'approved') {
    // The assigned reviewer proposes, so the four-eyes rule leaves approval to any moderator.
    claim = await must(users['assigned reviewer'], 'POST', `${url}/propose`, {
      version: claim.version,
      verdict: 'false',
    });
  }
  if (stage === 'approved') {
    claim = await must(mod, 'POST', `${url}/approve`, { version: claim.version });
  }
  return { id: claim.id as string, version: claim.version as number, url, evidenceId };
}

interface Case {
  /** What the acting user sends, after its own setup. */
  act(user: TestUser, who: Who): Promise<{ statusCode: number; body: string }>;
  expected: Record<Who, Expected>;
}

const ALL = (expected: Expected) =>
  Object.fromEntries(ROLES.map((who) => [who, expected])) as Record<Who, Expected>;
/** Owners and moderators only. */
const MODERATORS: Record<Who, Expected> = {
  ...ALL(403),
  owner: '2xx',
  moderator: '2xx',
  'non-member': 404,
};
/** Moderators, and reviewers assigned to the claim or who created it. */
const INVOLVED: Record<Who, Expected> = {
  ...MODERATORS,
  'assigned reviewer': '2xx',
  'creator reviewer': '2xx',
};
/** Every reviewer and above. */
const REVIEWERS: Record<Who, Expected> = {
  ...INVOLVED,
  'uninvolved reviewer': '2xx',
};
/** Every commenter and above. */
const COMMENTERS: Record<Who, Expected> = { ...REVIEWERS, commenter: '2xx' };
/** Every member. */
const MEMBERS: Record<Who, Expected> = { ...ALL('2xx'), 'non-member': 404 };

const claimCommand =
  (stage: Stage, method: string, path: string, body: (claim: { version: number }) => object) =>
  async (user: TestUser, who: Who) => {
    const claim = await freshClaim(who, stage);
    return call(user, method, `${claim.url}${path}`, body(claim));
  };

const CASES: Record<string, Case> = {
  'create claim': {
    act: (user) =>
      call(user, 'POST', `/api/documents/${documentId}/claims`, {
        anchor: anchorFor(docFrom(update), 'unemployment fell'),
      }),
    expected: REVIEWERS,
  },
  update: {
    act: claimCommand('assigned', 'PATCH', '', ({ version }) => ({ version, tags: ['wages'] })),
    expected: INVOLVED,
  },
  assign: {
    act: claimCommand('assigned', 'POST', '/assign', ({ version }) => ({
      version,
      reviewerIds: [users['uninvolved reviewer'].id],
    })),
    expected: MODERATORS,
  },
  unassign: {
    act: claimCommand('assigned', 'POST', '/unassign', ({ version }) => ({
      version,
      reviewerIds: [users['assigned reviewer'].id],
    })),
    expected: MODERATORS,
  },
  start: {
    act: claimCommand('assigned', 'POST', '/start', ({ version }) => ({ version })),
    expected: INVOLVED,
  },
  propose: {
    act: claimCommand('in_review', 'POST', '/propose', ({ version }) => ({
      version,
      verdict: 'misleading',
      rationale: 'The statistics office says 2%.',
    })),
    expected: INVOLVED,
  },
  approve: {
    act: claimCommand('verdict_proposed', 'POST', '/approve', ({ version }) => ({ version })),
    expected: MODERATORS,
  },
  return: {
    act: claimCommand('verdict_proposed', 'POST', '/return', ({ version }) => ({
      version,
      reason: 'Cite the source.',
    })),
    expected: MODERATORS,
  },
  'set how many independent verdicts a claim needs': {
    act: claimCommand('assigned', 'POST', '/blind-reviews', ({ version }) => ({
      version,
      blindReviews: 2,
    })),
    expected: MODERATORS,
  },
  'set the workspace’s independent verdicts': {
    act: (user) =>
      call(user, 'PUT', `/api/workspaces/${workspaceId}/blind-reviews`, { blindReviews: 1 }),
    expected: MODERATORS,
  },
  'adjudicate disagreeing blind verdicts': {
    act: claimCommand('adjudication', 'POST', '/adjudicate', ({ version }) => ({
      version,
      verdict: 'mixed',
      rationale: 'Both have a point.',
    })),
    expected: MODERATORS,
  },
  reopen: {
    act: claimCommand('approved', 'POST', '/reopen', ({ version }) => ({ version })),
    expected: MODERATORS,
  },
  reanchor: {
    act: claimCommand('assigned', 'POST', '/reanchor', ({ version }) => ({
      version,
      anchor: anchorFor(docFrom(update), 'Critics said wages stalled'),
    })),
    expected: INVOLVED,
  },
  'add evidence': {
    act: claimCommand('assigned', 'POST', '/evidence', ({ version }) => ({
      version,
      url: 'https://stats.example/unemployment',
      kind: 'primary_source',
      stance: 'refutes',
    })),
    expected: INVOLVED,
  },
  'update evidence': {
    act: async (user, who) => {
      const claim = await freshClaim(who, 'with_evidence');
      return call(user, 'PATCH', `/api/evidence/${claim.evidenceId}`, {
        version: claim.version,
        stance: 'context',
      });
    },
    expected: INVOLVED,
  },
  'remove evidence': {
    act: async (user, who) => {
      const claim = await freshClaim(who, 'with_evidence');
      return call(user, 'DELETE', `/api/evidence/${claim.evidenceId}?version=${claim.version}`);
    },
    expected: INVOLVED,
  },
  'read claim': {
    act: async (user, who) => {
      const claim = await freshClaim(who, 'approved');
      return call(user, 'GET', claim.url);
    },
    expected: MEMBERS,
  },
  'read comments': {
    act: async (user, who) => {
      const claim = await freshClaim(who, 'assigned');
      return call(user, 'GET', `${claim.url}/comments`);
    },
    expected: MEMBERS,
  },
  'add comment': {
    act: claimCommand('assigned', 'POST', '/comments', () => ({ body: 'Which survey?' })),
    expected: COMMENTERS,
  },
  'comment on an approved claim': {
    act: claimCommand('approved', 'POST', '/comments', () => ({ body: 'Published?' })),
    expected: COMMENTERS,
  },
  'import document': {
    act: (user) =>
      call(user, 'POST', `/api/workspaces/${workspaceId}/documents`, {
        format: 'md',
        content: '# Imported\n\nA new article.',
      }),
    expected: MODERATORS,
  },
  lock: {
    act: async (user) => {
      const document = await buildDocument(t.db.sql, { workspaceId, createdBy: users.owner.id });
      return call(user, 'POST', `/api/documents/${document.id}/lock`);
    },
    expected: MODERATORS,
  },
  unlock: {
    act: async (user) => {
      const document = await buildDocument(t.db.sql, {
        workspaceId,
        createdBy: users.owner.id,
        textLocked: true,
      });
      return call(user, 'POST', `/api/documents/${document.id}/unlock`);
    },
    expected: MODERATORS,
  },
};

for (const [action, { act, expected }] of Object.entries(CASES)) {
  describe(action, () => {
    for (const who of ROLES) {
      const want = expected[who];
      it(`${who}: ${want}`, async () => {
        const response = await act(users[who], who);
        if (want === '2xx') {
          expect(response.statusCode, response.body).toBeGreaterThanOrEqual(200);
          expect(response.statusCode, response.body).toBeLessThan(300);
        } else {
          expect(response.statusCode, response.body).toBe(want);
        }
      });
    }
  });
}
