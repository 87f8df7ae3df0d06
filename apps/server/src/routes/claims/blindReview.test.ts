// Blind double review (docs/claims.md, "Blind review"): until every assigned reviewer has
// proposed, no reviewer — nor a reader below moderator — gets another's verdict, rationale,
// evidence or comments from any surface the server offers: the claim, the lists, the board,
// the queue, the history, the catch-up events, live socket events, search, similar claims and
// every report format. Then agreement goes to approval and disagreement to adjudication.
import type { Claim, ClaimEvent, Role } from '@factdesk/model';
import { REPORT_FORMATS } from '@factdesk/report';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anchorFor, buildDocumentWithText, docFrom } from '../../testing/claimFactories.ts';
import { buildMember, buildWorkspace, type TestUser } from '../../testing/factories.ts';
import { requestsAs } from '../../testing/requests.ts';
import {
  eventually,
  liveEventsOf,
  openClient,
  type SyncTestApp,
  startSyncApp,
  synced,
  type TestClient,
  tokenFor,
} from '../../testing/syncClients.ts';

const ARTICLE = [
  'The minister said unemployment fell by 40% last year.',
  '',
  'The mayor said crime doubled in ten years.',
  '',
  'The council claimed the bridge cost 3 million.',
  '',
  'A spokesperson said the river is the cleanest in Europe.',
  '',
  'The report found that rents rose by half.',
].join('\n');

/** What reviewer one gives in secret: none of it may reach reviewer two before the reveal. */
const SECRET = {
  rationale: 'Rationalezebra official series disagree',
  evidenceUrl: 'https://evidencequokka.example.org/stats',
  evidenceTitle: 'Quokkatitle labour statistics',
  comment: 'Commentnarwhal I lean towards false',
};
const SECRET_WORDS = ['zebra', 'quokka', 'Quokkatitle', 'narwhal'];

let t: SyncTestApp;
let workspaceId: string;
let documentId: string;
let update: Uint8Array;
let owner: TestUser;
const people = {} as Record<
  'moderator' | 'moderator2' | 'r1' | 'r2' | 'viewer' | 'commenter',
  TestUser
>;
const tokens = {} as Record<keyof typeof people, string>;

beforeAll(async () => {
  t = await startSyncApp();
  const built = await buildWorkspace(t);
  workspaceId = built.workspaceId;
  owner = built.owner;
  const roles: [keyof typeof people, Role][] = [
    ['moderator', 'moderator'],
    ['moderator2', 'moderator'],
    ['r1', 'reviewer'],
    ['r2', 'reviewer'],
    ['viewer', 'viewer'],
    ['commenter', 'commenter'],
  ];
  for (const [name, role] of roles) {
    people[name] = await buildMember(t, owner, workspaceId, role);
    tokens[name] = await tokenFor(t, people[name]);
  }
  ({ documentId, update } = await buildDocumentWithText(t.db.sql, {
    workspaceId,
    createdBy: owner.id,
    markdown: ARTICLE,
  }));
  await ok(
    as(owner, 'PATCH', `/api/documents/${documentId}`, {
      factCheckUrl: 'https://desk.example.org/checks/minister',
    }),
  );
});
afterAll(() => t.close());

const as = requestsAs(() => t);

/** The same request with the person's API token instead of their session. */
function withToken(token: string, method: string, url: string, payload?: object) {
  return t.request({ method: method as 'GET', url, token, ...(payload ? { payload } : {}) });
}

async function ok<T = Claim>(response: Promise<{ statusCode: number; body: string }>) {
  const answer = await response;
  if (answer.statusCode >= 300) throw new Error(`${answer.statusCode}: ${answer.body}`);
  return JSON.parse(answer.body) as T;
}

/** A claim on `exact`, assigned to `reviewers`, each having started the review. */
async function blindClaim(exact: string, reviewers: TestUser[], blindReviews?: number) {
  let claim = await ok(
    as(people.moderator, 'POST', `/api/documents/${documentId}/claims`, {
      anchor: anchorFor(docFrom(update), exact),
    }),
  );
  if (blindReviews !== undefined) {
    claim = await ok(
      as(people.moderator, 'POST', `/api/claims/${claim.id}/blind-reviews`, {
        version: claim.version,
        blindReviews,
      }),
    );
  }
  claim = await ok(
    as(people.moderator, 'POST', `/api/claims/${claim.id}/assign`, {
      version: claim.version,
      reviewerIds: reviewers.map((reviewer) => reviewer.id),
    }),
  );
  const first = reviewers[0];
  if (first) {
    claim = await ok(
      as(first, 'POST', `/api/claims/${claim.id}/start`, { version: claim.version }),
    );
  }
  return claim;
}

async function current(claimId: string): Promise<Claim> {
  return ok(as(people.moderator, 'GET', `/api/claims/${claimId}`));
}

async function propose(user: TestUser, claimId: string, verdict: string, rationale = '') {
  const { version } = await current(claimId);
  return as(user, 'POST', `/api/claims/${claimId}/propose`, { version, verdict, rationale });
}

/**
 * Everything the server answers this person about the document and the claim, through their
 * own API token: one string to search for what must not be there.
 */
async function everythingSeenBy(token: string, claimId: string): Promise<string> {
  const paths = [
    `/api/claims/${claimId}`,
    `/api/claims/${claimId}/evidence`,
    `/api/claims/${claimId}/comments`,
    `/api/claims/${claimId}/history`,
    `/api/documents/${documentId}/claims`,
    `/api/documents/${documentId}/events?after=0`,
    `/api/workspaces/${workspaceId}/claims`,
    '/api/me/queue',
    // Near the secret words (the answer repeats the query): neither hits nor corrections.
    `/api/workspaces/${workspaceId}/search?q=rationalezebr`,
    `/api/workspaces/${workspaceId}/search?q=quokkatitl`,
    `/api/workspaces/${workspaceId}/search?q=commentnarwha`,
    `/api/workspaces/${workspaceId}/search?q=evidencequokk`,
    `/api/workspaces/${workspaceId}/claims/similar?quote=${encodeURIComponent('unemployment fell by 40% last year')}`,
    ...REPORT_FORMATS.filter((format) => format !== 'pdf').map(
      (format) => `/api/documents/${documentId}/report?format=${format}&scope=all`,
    ),
  ];
  const answers = await Promise.all(
    paths.map(async (path) => {
      const answer = await withToken(token, 'GET', path);
      expect(answer.statusCode, `${path}: ${answer.body}`).toBeLessThan(300);
      // A search answer repeats the query it was asked: only what it found counts.
      const body = path.includes('/search?')
        ? JSON.stringify({ ...answer.json(), query: undefined })
        : answer.body;
      return `\n${path.split('?')[0]}\n${body}`;
    }),
  );
  return answers.join('');
}

/** The secret words found, each with the first answer (its path) that holds it. */
function leaks(text: string, words: readonly string[] = SECRET_WORDS): string[] {
  const answers = text.split('\n/api/');
  return words.flatMap((word) => {
    const where = answers.find((answer) => answer.toLowerCase().includes(word.toLowerCase()));
    return where ? [`${word} in ${where.slice(0, 600)}`] : [];
  });
}

describe('the setting', () => {
  it('moderators set the workspace count; bad values are 400 and change nothing', async () => {
    for (const blindReviews of [0, 6, 2.5, 'two', null]) {
      const answer = await as(
        people.moderator,
        'PUT',
        `/api/workspaces/${workspaceId}/blind-reviews`,
        {
          blindReviews,
        },
      );
      expect(answer.statusCode, JSON.stringify(blindReviews)).toBe(400);
      expect(answer.json().message).toMatch(/blindReviews/);
    }
    const refused = await as(people.r1, 'PUT', `/api/workspaces/${workspaceId}/blind-reviews`, {
      blindReviews: 2,
    });
    expect(refused.statusCode).toBe(403);
    const workspace = await ok<{ blindReviews: number }>(
      as(people.moderator, 'GET', `/api/workspaces/${workspaceId}`),
    );
    expect(workspace.blindReviews).toBe(1);
    const set = await ok<{ blindReviews: number }>(
      as(people.moderator, 'PUT', `/api/workspaces/${workspaceId}/blind-reviews`, {
        blindReviews: 2,
      }),
    );
    expect(set.blindReviews).toBe(2);
  });

  it('a moderator overrides it on one claim; reviewers cannot, bad values are 400', async () => {
    const claim = await blindClaim('the bridge cost 3 million', [people.r1]);
    expect(claim.blindReview).toMatchObject({ required: 2, override: null, blind: true });
    for (const blindReviews of [0, 6, 2.5, 'two']) {
      const answer = await as(people.moderator, 'POST', `/api/claims/${claim.id}/blind-reviews`, {
        version: claim.version,
        blindReviews,
      });
      expect(answer.statusCode).toBe(400);
    }
    const byReviewer = await as(people.r1, 'POST', `/api/claims/${claim.id}/blind-reviews`, {
      version: claim.version,
      blindReviews: 1,
    });
    expect(byReviewer.statusCode).toBe(403);
    const single = await ok(
      as(people.moderator, 'POST', `/api/claims/${claim.id}/blind-reviews`, {
        version: claim.version,
        blindReviews: 1,
      }),
    );
    expect(single.blindReview).toMatchObject({ required: 1, override: 1, blind: false });
    // A single review proposes as always.
    const proposed = await ok(propose(people.r1, claim.id, 'true', 'fine'));
    expect(proposed).toMatchObject({ status: 'verdict_proposed', verdict: 'true' });
  });
});

describe('two reviewers, blind until both have proposed', () => {
  let claimId: string;
  let r2Socket: TestClient;
  let viewerSocket: TestClient;
  let r2Live: { type: string; [field: string]: unknown }[];
  let viewerLive: { type: string; [field: string]: unknown }[];

  beforeAll(async () => {
    r2Socket = openClient(t.wsUrl, documentId, tokens.r2);
    viewerSocket = openClient(t.wsUrl, documentId, tokens.viewer);
    r2Live = liveEventsOf(r2Socket);
    viewerLive = liveEventsOf(viewerSocket);
    await Promise.all([synced(r2Socket), synced(viewerSocket)]);
    const claim = await blindClaim('unemployment fell by 40% last year', [people.r1, people.r2]);
    claimId = claim.id;
  });
  afterAll(() => {
    r2Socket.destroy();
    viewerSocket.destroy();
  });

  it('reviewer one works and proposes; nothing of it reaches reviewer two, the viewer or the commenter', async () => {
    let claim = await current(claimId);
    await ok(
      as(people.r1, 'POST', `/api/claims/${claimId}/evidence`, {
        version: claim.version,
        url: SECRET.evidenceUrl,
        title: SECRET.evidenceTitle,
        kind: 'official_data',
        stance: 'refutes',
      }),
    );
    await ok(as(people.r1, 'POST', `/api/claims/${claimId}/comments`, { body: SECRET.comment }));
    claim = await ok(propose(people.r1, claimId, 'false', SECRET.rationale));
    expect(claim.status).toBe('in_review');
    expect(claim.blindReview.proposedBy.map((p) => p.id)).toEqual([people.r1.id]);
    // Reviewer one sees their own verdict, evidence and comment.
    expect(claim.independentVerdicts).toEqual([
      expect.objectContaining({ verdict: 'false', rationale: SECRET.rationale, rating: 1 }),
    ]);
    expect(claim.evidenceCount).toBe(1);

    for (const who of ['r2', 'viewer', 'commenter'] as const) {
      const seen = await everythingSeenBy(tokens[who], claimId);
      expect(leaks(seen), who).toEqual([]);
      expect(seen).not.toContain('"verdict":"false"');
    }
    const asR2 = await ok(withToken(tokens.r2, 'GET', `/api/claims/${claimId}`));
    expect(asR2).toMatchObject({
      independentVerdicts: [],
      evidenceCount: 0,
      commentCount: 0,
      verdict: null,
      rationale: '',
    });
    expect(asR2.blindReview).toMatchObject({ required: 2, blind: true, round: 1 });
    // The history says that reviewer one gave a verdict, not which.
    const history = await ok<ClaimEvent[]>(
      withToken(tokens.r2, 'GET', `/api/claims/${claimId}/history`),
    );
    const submitted = history.find((event) => event.type === 'claim.review_submitted');
    expect(submitted).toMatchObject({ before: null, after: { round: 1 }, subject: { round: 1 } });
    expect(history.some((event) => event.type === 'evidence.added')).toBe(false);

    // The live events reached both sockets, and carried none of it.
    await eventually(
      () => r2Live.some((event) => event.type === 'claim.review_submitted'),
      'the blind proposal reaches reviewer two as an event',
    );
    for (const live of [r2Live, viewerLive]) {
      const text = JSON.stringify(live);
      expect(leaks(text)).toEqual([]);
      const evidenceAdded = live.find((event) => event.type === 'evidence.added');
      expect(evidenceAdded).toMatchObject({ hidden: true });
      expect(evidenceAdded).not.toHaveProperty('evidence');
    }
  });

  it('a moderator outside the round sees every verdict, evidence and comment', async () => {
    const claim = await ok(withToken(tokens.moderator, 'GET', `/api/claims/${claimId}`));
    expect(claim.independentVerdicts).toEqual([
      expect.objectContaining({ verdict: 'false', rationale: SECRET.rationale }),
    ]);
    expect(claim.evidenceCount).toBe(1);
    const evidence = await ok<{ url: string }[]>(
      withToken(tokens.moderator, 'GET', `/api/claims/${claimId}/evidence`),
    );
    expect(evidence.map((item) => item.url)).toEqual([SECRET.evidenceUrl]);
    const comments = await ok<{ body: string }[]>(
      withToken(tokens.moderator, 'GET', `/api/claims/${claimId}/comments`),
    );
    expect(comments.map((comment) => comment.body)).toEqual([SECRET.comment]);
  });

  it('a moderator removing a blind reviewer’s evidence does not reveal it either', async () => {
    let claim = await current(claimId);
    const added = await ok<{ evidence: { id: string }; claim: Claim }>(
      as(people.r1, 'POST', `/api/claims/${claimId}/evidence`, {
        version: claim.version,
        url: 'https://secondquokka.example.org/old',
        title: 'Quokkasecond outdated table',
        kind: 'official_data',
        stance: 'refutes',
      }),
    );
    claim = added.claim;
    const removed = await as(
      people.moderator,
      'DELETE',
      `/api/evidence/${added.evidence.id}?version=${claim.version}`,
    );
    expect(removed.statusCode).toBeLessThan(300);
    const history = await ok<ClaimEvent[]>(
      withToken(tokens.r2, 'GET', `/api/claims/${claimId}/history`),
    );
    expect(history.some((event) => event.type === 'evidence.removed')).toBe(false);
    // (Search's correction vocabulary keeps the words of a deleted entry: docs/claims.md.)
    for (const path of [
      `/api/claims/${claimId}/history`,
      `/api/documents/${documentId}/events?after=0`,
      `/api/claims/${claimId}/evidence`,
      `/api/claims/${claimId}`,
    ]) {
      const answer = await withToken(tokens.r2, 'GET', path);
      expect(answer.body.toLowerCase()).not.toContain('quokkasecond');
      expect(answer.body.toLowerCase()).not.toContain('secondquokka');
    }
  });

  it('reviewer two cannot edit the shared rationale, propose twice or reuse a verdict', async () => {
    const claim = await current(claimId);
    const rationale = await as(people.r2, 'PATCH', `/api/claims/${claimId}`, {
      version: claim.version,
      rationale: 'written where everyone reads',
    });
    expect(rationale.statusCode).toBe(409);
    expect(rationale.json().code).toBe('blind_review');
    const again = await propose(people.r1, claimId, 'true');
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('already_proposed');
    const outsider = await propose(people.moderator, claimId, 'true');
    expect(outsider.statusCode).toBe(403);
    const resize = await as(people.moderator, 'POST', `/api/claims/${claimId}/blind-reviews`, {
      version: claim.version,
      blindReviews: 3,
    });
    expect(resize.statusCode).toBe(409);
  });

  it('the second verdict reveals both; they disagree, so the claim waits for adjudication', async () => {
    const claim = await ok(propose(people.r2, claimId, 'true', 'Official data says so'));
    expect(claim.status).toBe('adjudication');
    expect(claim.independentVerdicts.map((v) => v.verdict)).toEqual(['false', 'true']);
    const asR2 = await ok(withToken(tokens.r2, 'GET', `/api/claims/${claimId}`));
    expect(asR2.independentVerdicts.map((v) => [v.reviewer?.id, v.verdict, v.rationale])).toEqual([
      [people.r1.id, 'false', SECRET.rationale],
      [people.r2.id, 'true', 'Official data says so'],
    ]);
    expect(asR2.evidenceCount).toBe(1);
    expect(leaks(await everythingSeenBy(tokens.r2, claimId))).not.toEqual([]);
    await eventually(
      () =>
        r2Live.some(
          (event) =>
            event.type === 'claim.reviews_revealed' &&
            (event.claim as Claim).status === 'adjudication',
        ),
      'the reveal reaches the open editors live',
    );
    expect(asR2.abilities.adjudicate).toBe(false);
    const viewer = await ok(withToken(tokens.viewer, 'GET', `/api/claims/${claimId}`));
    expect(viewer.independentVerdicts).toHaveLength(2);
  });

  it('a reviewer cannot adjudicate; a moderator outside the round decides, with every input recorded', async () => {
    let claim = await current(claimId);
    expect(claim.abilities.adjudicate).toBe(true);
    const byReviewer = await as(people.r1, 'POST', `/api/claims/${claimId}/adjudicate`, {
      version: claim.version,
      verdict: 'false',
      rationale: 'mine',
    });
    expect(byReviewer.statusCode).toBe(403);
    const badVerdict = await as(people.moderator, 'POST', `/api/claims/${claimId}/adjudicate`, {
      version: claim.version,
      verdict: 'nonsense',
      rationale: 'x',
    });
    expect(badVerdict.statusCode).toBe(400);
    claim = await ok(
      as(people.moderator, 'POST', `/api/claims/${claimId}/adjudicate`, {
        version: claim.version,
        verdict: 'mixed',
        rationale: 'Both have a point: the series differ.',
      }),
    );
    expect(claim).toMatchObject({
      status: 'approved',
      verdict: 'mixed',
      rationale: 'Both have a point: the series differ.',
      approvedBy: { id: people.moderator.id },
      adjudicatedBy: { id: people.moderator.id },
      approvedVerdict: { key: 'mixed', label: 'Mixed', ratingValue: 3 },
    });
    const history = await ok<ClaimEvent[]>(as(people.r2, 'GET', `/api/claims/${claimId}/history`));
    const decided = history.find((event) => event.type === 'claim.adjudicated');
    expect(decided?.subject).toMatchObject({
      round: 1,
      verdict: 'mixed',
      reviews: [
        { reviewer_id: people.r1.id, verdict: 'false', rating: 1, rationale: SECRET.rationale },
        {
          reviewer_id: people.r2.id,
          verdict: 'true',
          rating: 5,
          rationale: 'Official data says so',
        },
      ],
    });
    await eventually(
      () => viewerLive.some((event) => event.type === 'claim.adjudicated'),
      'the adjudication reaches the open editors live',
    );
  });

  it('reopening starts a new blind round; the past round stays in claim_reviews', async () => {
    let claim = await current(claimId);
    claim = await ok(
      as(people.moderator, 'POST', `/api/claims/${claimId}/reopen`, { version: claim.version }),
    );
    expect(claim.blindReview).toMatchObject({ round: 2, blind: true, proposedBy: [] });
    expect(claim.independentVerdicts).toEqual([]);
    // Round one's evidence is no longer hidden; round two starts with nothing given.
    const r2View = await ok(withToken(tokens.r2, 'GET', `/api/claims/${claimId}`));
    expect(r2View.evidenceCount).toBe(1);
    claim = await ok(propose(people.r1, claimId, 'misleading', 'second look'));
    expect(claim.status).toBe('in_review');
    const asR2 = await ok(withToken(tokens.r2, 'GET', `/api/claims/${claimId}`));
    expect(asR2.independentVerdicts).toEqual([]);
    const rows = await t.db.sql<
      { round: number; reviewer_id: string; verdict: string; rating: number | null }[]
    >`
      SELECT round, reviewer_id, verdict, rating FROM claim_reviews
      WHERE claim_id = ${claimId} ORDER BY round, proposed_at`;
    expect(rows.map((row) => ({ ...row }))).toEqual([
      { round: 1, reviewer_id: people.r1.id, verdict: 'false', rating: 1 },
      { round: 1, reviewer_id: people.r2.id, verdict: 'true', rating: 5 },
      { round: 2, reviewer_id: people.r1.id, verdict: 'misleading', rating: 2 },
    ]);
  });
});

describe('agreement and the four-eyes rule', () => {
  it('agreeing verdicts go straight to approval, rating kept as the scale gave it', async () => {
    const claim = await blindClaim('crime doubled in ten years', [people.r2, people.r1]);
    await ok(propose(people.r2, claim.id, 'unverifiable', 'No series before 2015.'));
    const agreed = await ok(propose(people.r1, claim.id, 'unverifiable', ''));
    expect(agreed).toMatchObject({
      status: 'verdict_proposed',
      verdict: 'unverifiable',
      rationale: 'No series before 2015.',
    });
    const rows = await t.db.sql<{ verdict: string; rating: number | null }[]>`
      SELECT verdict, rating FROM claim_reviews WHERE claim_id = ${claim.id} AND round = 1`;
    expect(rows.map((row) => ({ ...row }))).toEqual([
      { verdict: 'unverifiable', rating: null },
      { verdict: 'unverifiable', rating: null },
    ]);
  });

  it('a moderator who is a blind reviewer sees nothing of the other reviewer before the reveal', async () => {
    const claim = await blindClaim('the river is the cleanest in Europe', [
      people.moderator2,
      people.r1,
    ]);
    await ok(propose(people.r1, claim.id, 'false', 'Rationaleocelot again'));
    const seen = await everythingSeenBy(tokens.moderator2, claim.id);
    expect(leaks(seen, ['ocelot'])).toEqual([]);
    const agreed = await ok(propose(people.moderator2, claim.id, 'false', 'Agency ranking'));
    expect(agreed).toMatchObject({
      status: 'verdict_proposed',
      verdict: 'false',
      proposedBy: { id: people.moderator2.id },
    });
    expect(agreed.rationale).toContain('Rationaleocelot again');
    expect(agreed.rationale).toContain('Agency ranking');
    expect(agreed.abilities).toMatchObject({ approve: false, fourEyesBlocked: true });
    const byReviewerModerator = await as(
      people.moderator2,
      'POST',
      `/api/claims/${claim.id}/approve`,
      {
        version: agreed.version,
      },
    );
    expect(byReviewerModerator.statusCode).toBe(403);
    expect(byReviewerModerator.json().code).toBe('four_eyes');
    const approved = await ok(
      as(people.moderator, 'POST', `/api/claims/${claim.id}/approve`, { version: agreed.version }),
    );
    expect(approved.status).toBe('approved');
  });

  it('every reviewer of an agreed round counts as its proposer, not only the last one', async () => {
    const claim = await blindClaim('unemployment fell by 40%', [people.moderator2, people.r1]);
    await ok(propose(people.moderator2, claim.id, 'false', 'Series revised'));
    const agreed = await ok(propose(people.r1, claim.id, 'false', 'Same'));
    expect(agreed.proposedBy?.id).toBe(people.r1.id);
    const asFirst = await ok(as(people.moderator2, 'GET', `/api/claims/${claim.id}`));
    expect(asFirst.abilities).toMatchObject({ approve: false, fourEyesBlocked: true });
    const byFirst = await as(people.moderator2, 'POST', `/api/claims/${claim.id}/approve`, {
      version: agreed.version,
    });
    expect(byFirst.statusCode).toBe(403);
    expect(byFirst.json().code).toBe('four_eyes');
  });

  it('an owner among the blind reviewers adjudicates only by overriding the rule', async () => {
    const claim = await blindClaim('rents rose by half', [owner, people.r1]);
    await ok(propose(owner, claim.id, 'true'));
    const split = await ok(propose(people.r1, claim.id, 'false'));
    expect(split.status).toBe('adjudication');
    const asOwner = await ok(as(owner, 'GET', `/api/claims/${claim.id}`));
    expect(asOwner.abilities).toMatchObject({ adjudicate: false, approveOverride: true });
    const plain = await as(owner, 'POST', `/api/claims/${claim.id}/adjudicate`, {
      version: split.version,
      verdict: 'true',
      rationale: 'mine',
    });
    expect(plain.statusCode).toBe(403);
    const overridden = await ok(
      as(owner, 'POST', `/api/claims/${claim.id}/adjudicate`, {
        version: split.version,
        verdict: 'true',
        rationale: 'mine, knowingly',
        override: true,
      }),
    );
    expect(overridden).toMatchObject({ status: 'approved', approvalOverride: true });
  });
});

it('three verdicts: the third reveals, and a returned claim starts a new round', async () => {
  const claim = await blindClaim('The minister said', [people.r1, people.r2, people.moderator2], 3);
  await ok(propose(people.r1, claim.id, 'true'));
  const second = await ok(propose(people.r2, claim.id, 'true'));
  expect(second.blindReview).toMatchObject({ required: 3, blind: true });
  const third = await ok(propose(people.moderator2, claim.id, 'true'));
  expect(third.status).toBe('verdict_proposed');
  const returned = await ok(
    as(people.moderator, 'POST', `/api/claims/${claim.id}/return`, {
      version: third.version,
      reason: 'look again',
    }),
  );
  expect(returned).toMatchObject({ status: 'in_review', blindReview: { round: 2, blind: true } });
});

it('agreement figures read the verdicts blind review wrote', async () => {
  const r3 = await buildMember(t, owner, workspaceId, 'reviewer');
  const r4 = await buildMember(t, owner, workspaceId, 'reviewer');
  const verdicts: [string, string, string][] = [
    ['rents rose by half', 'true', 'true'],
    ['the bridge cost 3 million', 'false', 'false'],
    ['The report found', 'true', 'false'],
  ];
  for (const [exact, third, fourth] of verdicts) {
    const claim = await blindClaim(exact, [r3, r4], 2);
    await ok(propose(r3, claim.id, third));
    await ok(propose(r4, claim.id, fourth));
  }

  const today = new Date().toISOString().slice(0, 10);
  const body = await ok<{
    pairs: { reviewers: { id: string }[]; kappa: { value: number | null; units: number } }[];
  }>(
    as(
      people.moderator,
      'GET',
      `/api/workspaces/${workspaceId}/dashboard/agreement?from=${today}&to=${today}`,
    ),
  );
  const pair = body.pairs.find((candidate) =>
    [r3.id, r4.id].every((id) => candidate.reviewers.some((reviewer) => reviewer.id === id)),
  );
  // r3 true/false/true, r4 true/false/false: p_o = 2/3, p_e = 4/9, κ = (2/9)/(5/9) = 0.4.
  expect(pair?.kappa.units).toBe(3);
  expect(pair?.kappa.value).toBeCloseTo(0.4, 10);
});

it('a mention in a hidden comment is heard only by a moderator who may read the comment', async () => {
  const claim = await blindClaim('cost 3 million', [people.r1, people.r2], 2);
  await ok(
    as(people.r1, 'POST', `/api/claims/${claim.id}/comments`, {
      body: `<@${people.r2.id}|r2> <@${people.moderator.id}|mod> is this source enough?`,
    }),
  );
  const mentionsOf = async (user: TestUser) => {
    const inbox = await ok<{ notifications: { kind: string; claimId: string }[] }>(
      as(user, 'GET', '/api/me/notifications'),
    );
    return inbox.notifications.filter((n) => n.kind === 'mentioned' && n.claimId === claim.id);
  };
  expect(await mentionsOf(people.moderator)).toHaveLength(1);
  // The other blind reviewer cannot open the comment: no notice of it either.
  expect(await mentionsOf(people.r2)).toHaveLength(0);
});

it('approving an agreed blind verdict tells every reviewer of the round', async () => {
  const r5 = await buildMember(t, owner, workspaceId, 'reviewer');
  const r6 = await buildMember(t, owner, workspaceId, 'reviewer');
  const claim = await blindClaim('rose by half', [r5, r6], 2);
  await ok(propose(r5, claim.id, 'false'));
  const agreed = await ok(propose(r6, claim.id, 'false'));
  await ok(
    as(people.moderator, 'POST', `/api/claims/${claim.id}/approve`, { version: agreed.version }),
  );
  for (const reviewer of [r5, r6]) {
    const inbox = await ok<{ notifications: { kind: string; claimId: string }[] }>(
      as(reviewer, 'GET', '/api/me/notifications'),
    );
    expect(inbox.notifications).toContainEqual(
      expect.objectContaining({ kind: 'approved', claimId: claim.id }),
    );
  }
});
