// Notifications through the real app on real PostgreSQL: each claim write that concerns
// someone else leaves them a notification in the same transaction, delivered live on their
// stream; deadline reminders come once; mentions are checked against the workspace's members;
// a decided blind round tells its reviewers; being taken off a claim withdraws what asked for
// work on it. Notifications are facts (who, which claim), never a verdict or a rationale.
import type { Notification } from '@factdesk/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anchorFor, buildDocumentWithText, docFrom } from '../../testing/claimFactories.ts';
import { buildMember, buildWorkspace, type TestUser } from '../../testing/factories.ts';
import { openNotificationStream } from '../../testing/notificationStream.ts';
import { buildTestApp, type TestApp } from '../../testing/testApp.ts';

const ARTICLE = [
  '# Budget row',
  '',
  'The minister said unemployment fell by 40% last year.',
  '',
  'Critics replied that wages stalled while prices rose by 9%.',
].join('\n');

let t: TestApp;
let workspaceId: string;
let owner: TestUser;
let moderator: TestUser;
let reviewer: TestUser;
let reviewer2: TestUser;
let commenter: TestUser;
let outsider: TestUser;
let documentId: string;
let update: Uint8Array;

beforeAll(async () => {
  t = await buildTestApp({ env: { NOTIFICATION_SCAN_MS: '3600000' } });
  const built = await buildWorkspace(t);
  workspaceId = built.workspaceId;
  owner = built.owner;
  moderator = await buildMember(t, owner, workspaceId, 'moderator');
  reviewer = await buildMember(t, owner, workspaceId, 'reviewer');
  reviewer2 = await buildMember(t, owner, workspaceId, 'reviewer');
  commenter = await buildMember(t, owner, workspaceId, 'commenter');
  const elsewhere = await t.request({
    method: 'POST',
    url: '/api/workspaces',
    cookie: owner.cookie,
    payload: { name: 'Elsewhere' },
  });
  outsider = await buildMember(t, owner, elsewhere.json().id, 'reviewer');
  ({ documentId, update } = await buildDocumentWithText(t.db.sql, {
    workspaceId,
    createdBy: owner.id,
    markdown: ARTICLE,
  }));
});
afterAll(() => t.close());

async function as(user: TestUser, method: string, url: string, payload?: object) {
  return t.request({
    method: method as 'GET',
    url,
    cookie: user.cookie,
    ...(payload ? { payload } : {}),
  });
}

async function ok<T>(
  response: Promise<{ statusCode: number; body: string; json(): unknown }>,
  status = 200,
) {
  const done = await response;
  expect(done.statusCode, done.body).toBe(status);
  return (done.body ? done.json() : undefined) as T;
}

async function newClaim(exact = 'unemployment fell by 40%') {
  return ok<{ id: string; version: number }>(
    as(moderator, 'POST', `/api/documents/${documentId}/claims`, {
      anchor: anchorFor(docFrom(update), exact),
      statement: 'Unemployment fell 40% in a year',
    }),
    201,
  );
}

/** The app listening on a port (once), for the live streams. */
async function baseUrl(): Promise<string> {
  if (!t.app.server.listening) await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.server.address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}

async function inbox(user: TestUser) {
  return ok<{ notifications: Notification[]; unread: number }>(
    as(user, 'GET', '/api/me/notifications'),
  );
}

async function assign(claim: { id: string; version: number }, userIds: string[], dueAt?: string) {
  return ok<{ id: string; version: number }>(
    as(moderator, 'POST', `/api/claims/${claim.id}/assign`, {
      version: claim.version,
      reviewerIds: userIds,
      ...(dueAt ? { dueAt } : {}),
    }),
  );
}

describe('claim writes', () => {
  it('an assignment notifies the new assignee, never the moderator who made it', async () => {
    const before = (await inbox(reviewer)).unread;
    const claim = await assign(await newClaim(), [reviewer.id]);
    const { notifications, unread } = await inbox(reviewer);
    expect(unread).toBe(before + 1);
    expect(notifications[0]).toMatchObject({
      kind: 'assigned',
      claimId: claim.id,
      actorName: expect.stringMatching(/^User \d+$/),
      claimTitle: 'Unemployment fell 40% in a year',
      documentTitle: expect.any(String),
      dueAt: null,
      path: `/w/${workspaceId}/d/${documentId}?claim=${claim.id}`,
      readAt: null,
    });
    expect((await inbox(moderator)).notifications.map((n) => n.claimId)).not.toContain(claim.id);
  });

  it('approval tells the proposer who approved, and never the verdict or the rationale', async () => {
    let claim = await assign(await newClaim(), [reviewer.id]);
    claim = await ok(
      as(reviewer, 'POST', `/api/claims/${claim.id}/start`, { version: claim.version }),
    );
    claim = await ok(
      as(reviewer, 'POST', `/api/claims/${claim.id}/propose`, {
        version: claim.version,
        verdict: 'mostly_true',
        rationale: 'SECRET-RATIONALE from the statistics office',
      }),
    );
    await ok(as(moderator, 'POST', `/api/claims/${claim.id}/approve`, { version: claim.version }));
    const [approved] = (await inbox(reviewer)).notifications;
    expect(approved).toMatchObject({ kind: 'approved', claimId: claim.id });
    expect(approved?.actorName).toMatch(/^User \d+$/);
    expect(JSON.stringify(approved)).not.toMatch(/mostly|SECRET/i);
  });

  it('a returned verdict goes back to its proposer', async () => {
    let claim = await assign(await newClaim(), [reviewer.id]);
    claim = await ok(
      as(reviewer, 'POST', `/api/claims/${claim.id}/start`, { version: claim.version }),
    );
    claim = await ok(
      as(reviewer, 'POST', `/api/claims/${claim.id}/propose`, {
        version: claim.version,
        verdict: 'false',
      }),
    );
    await ok(
      as(moderator, 'POST', `/api/claims/${claim.id}/return`, {
        version: claim.version,
        reason: 'SECRET reason',
      }),
    );
    const [returned] = (await inbox(reviewer)).notifications;
    expect(returned).toMatchObject({ kind: 'returned', claimId: claim.id });
    expect(returned?.claimTitle).toBe('Unemployment fell 40% in a year');
    expect(JSON.stringify(returned)).not.toMatch(/false|SECRET/i);
  });
});

describe('mentions', () => {
  it('a mentioned member is notified and the comment keeps the mention with their current name', async () => {
    const claim = await newClaim();
    const comment = await ok<{ body: string }>(
      as(commenter, 'POST', `/api/claims/${claim.id}/comments`, {
        body: `Can you check this, <@${reviewer.id}|someone else>? And <@${commenter.id}|me>.`,
      }),
      201,
    );
    expect(comment.body).toMatch(new RegExp(`<@${reviewer.id}\\|User \\d+>`));
    const [mention] = (await inbox(reviewer)).notifications;
    expect(mention).toMatchObject({ kind: 'mentioned', claimId: claim.id });
    expect(mention?.actorName).toMatch(/^User \d+$/);
    // Mentioning yourself notifies nobody.
    expect((await inbox(commenter)).notifications.map((n) => n.claimId)).not.toContain(claim.id);
  });

  it('mentioning someone outside the workspace is refused and nothing is stored', async () => {
    const claim = await newClaim();
    const refused = await as(reviewer, 'POST', `/api/claims/${claim.id}/comments`, {
      body: `Ping <@${outsider.id}|Oscar>`,
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().message).toMatch(/not a member of this workspace/);
    expect(await ok<unknown[]>(as(reviewer, 'GET', `/api/claims/${claim.id}/comments`))).toEqual(
      [],
    );
    expect((await inbox(outsider)).notifications).toEqual([]);
  });
});

describe('reading', () => {
  it('marks one read, then all read; the count follows and nobody else can mark', async () => {
    await assign(await newClaim(), [reviewer.id]);
    const { notifications, unread } = await inbox(reviewer);
    expect(unread).toBeGreaterThan(1);
    const first = notifications[0] as Notification;
    expect((await as(moderator, 'POST', `/api/me/notifications/${first.id}/read`)).statusCode).toBe(
      404,
    );
    await ok(as(reviewer, 'POST', `/api/me/notifications/${first.id}/read`), 204);
    expect((await inbox(reviewer)).unread).toBe(unread - 1);
    await ok(as(reviewer, 'POST', '/api/me/notifications/read'), 204);
    const after = await inbox(reviewer);
    expect(after.unread).toBe(0);
    expect(after.notifications.every((n) => n.readAt !== null)).toBe(true);
  });
});

describe('deadlines', () => {
  it('reminds each assignee once per deadline, even when two scans run at once', async () => {
    const due = new Date(Date.now() + 2 * 3_600_000).toISOString();
    const claim = await assign(await newClaim(), [reviewer.id, moderator.id], due);
    await Promise.all([t.app.notificationScanner.runOnce(), t.app.notificationScanner.runOnce()]);
    await t.app.notificationScanner.runOnce();
    const reminders = async (user: TestUser) =>
      (await inbox(user)).notifications.filter(
        (n) => n.claimId === claim.id && n.kind !== 'assigned',
      );
    expect((await reminders(reviewer)).map((n) => n.kind)).toEqual(['due_soon']);
    expect((await reminders(reviewer))[0]).toMatchObject({ actorName: null, dueAt: due });
    expect((await reminders(moderator)).map((n) => n.kind)).toEqual(['due_soon']);
    // The deadline passes: one overdue reminder more.
    await t.db.sql`UPDATE claims SET due_at = now() - interval '1 minute' WHERE id = ${claim.id}`;
    await t.app.notificationScanner.runOnce();
    await t.app.notificationScanner.runOnce();
    expect((await reminders(reviewer)).map((n) => n.kind).sort()).toEqual(['due_soon', 'overdue']);
  });

  it('a claim far from its deadline, or already proposed, reminds nobody', async () => {
    const far = await assign(
      await newClaim(),
      [reviewer.id],
      new Date(Date.now() + 3 * 86_400_000).toISOString(),
    );
    await t.app.notificationScanner.runOnce();
    const kinds = (await inbox(reviewer)).notifications
      .filter((n) => n.claimId === far.id)
      .map((n) => n.kind);
    expect(kinds).toEqual(['assigned']);
  });
});

/** A claim whose two blind reviewers disagree: it waits for a moderator's decision. */
async function splitBlindClaim() {
  let claim = await newClaim();
  claim = await ok(
    as(moderator, 'POST', `/api/claims/${claim.id}/blind-reviews`, {
      version: claim.version,
      blindReviews: 2,
    }),
  );
  claim = await assign(claim, [reviewer.id, reviewer2.id]);
  claim = await ok(
    as(reviewer, 'POST', `/api/claims/${claim.id}/start`, { version: claim.version }),
  );
  for (const [who, verdict] of [
    [reviewer, 'true'],
    [reviewer2, 'false'],
  ] as const) {
    const { version } = await ok<{ version: number }>(as(who, 'GET', `/api/claims/${claim.id}`));
    claim = await ok(
      as(who, 'POST', `/api/claims/${claim.id}/propose`, {
        version,
        verdict,
        rationale: `SECRET-${verdict}`,
      }),
    );
  }
  const split = await ok<{ id: string; version: number; status: string }>(
    as(moderator, 'GET', `/api/claims/${claim.id}`),
  );
  expect(split.status).toBe('adjudication');
  return split;
}

async function adjudicate(claim: { id: string; version: number }) {
  return ok(
    as(moderator, 'POST', `/api/claims/${claim.id}/adjudicate`, {
      version: claim.version,
      verdict: 'mostly_true',
      rationale: 'SECRET-DECISION from the statistics office',
    }),
  );
}

describe('adjudication', () => {
  it('a decided blind round tells each of its reviewers who decided, never the decision', async () => {
    const claim = await splitBlindClaim();
    await adjudicate(claim);
    for (const person of [reviewer, reviewer2]) {
      const decided = (await inbox(person)).notifications.filter(
        (n) => n.claimId === claim.id && n.kind === 'adjudicated',
      );
      expect(decided).toEqual([
        expect.objectContaining({
          actorName: expect.stringMatching(/^User \d+$/),
          claimTitle: 'Unemployment fell 40% in a year',
          readAt: null,
        }),
      ]);
      expect(JSON.stringify(decided)).not.toMatch(/mostly|true|false|SECRET/i);
    }
    // Not the moderator who decided, nor anyone outside the round.
    for (const person of [moderator, owner, commenter]) {
      expect((await inbox(person)).notifications.map((n) => n.kind)).not.toContain('adjudicated');
    }
  });

  it('the decision comes by e-mail as the other kinds do, and can be turned off', async () => {
    const settings = await ok<{ emailKinds: string[] }>(
      as(reviewer2, 'GET', '/api/me/notification-settings'),
    );
    expect(settings.emailKinds).toContain('adjudicated');
    const saved = await ok<{ emailKinds: string[] }>(
      as(reviewer2, 'PUT', '/api/me/notification-settings', { emailKinds: ['adjudicated'] }),
    );
    expect(saved.emailKinds).toEqual(['adjudicated']);
  });
});

describe('taken off a claim', () => {
  it('unassigning withdraws the unread assignment and reminders of that claim, live, and keeps the rest', async () => {
    const due = new Date(Date.now() + 3_600_000).toISOString();
    // One claim whose assignment the reviewer already read, one they did not.
    const kept = await assign(await newClaim(), [reviewer2.id]);
    const keptAssigned = (await inbox(reviewer2)).notifications.find((n) => n.claimId === kept.id);
    await ok(as(reviewer2, 'POST', `/api/me/notifications/${keptAssigned?.id}/read`), 204);
    let claim = await assign(await newClaim(), [reviewer.id, reviewer2.id], due);
    await t.app.notificationScanner.runOnce();
    await ok(
      as(commenter, 'POST', `/api/claims/${claim.id}/comments`, {
        body: `Over to you <@${reviewer2.id}|r2>`,
      }),
      201,
    );
    const ofClaim = async (person: TestUser, id: string) =>
      (await inbox(person)).notifications.filter((n) => n.claimId === id).map((n) => n.kind);
    expect((await ofClaim(reviewer2, claim.id)).sort()).toEqual([
      'assigned',
      'due_soon',
      'mentioned',
    ]);
    const before = (await inbox(reviewer2)).unread;
    const stream = await openNotificationStream(await baseUrl(), reviewer2.cookie);
    expect(await stream.next()).toEqual({ type: 'unread', unread: before });

    claim = await ok(as(moderator, 'GET', `/api/claims/${claim.id}`));
    await ok(
      as(moderator, 'POST', `/api/claims/${claim.id}/unassign`, {
        version: claim.version,
        reviewerIds: [reviewer2.id],
      }),
    );
    const live = await stream.next();
    expect(live).toMatchObject({ type: 'withdrawn', unread: before - 2 });
    expect(live.type === 'withdrawn' && live.notificationIds).toHaveLength(2);
    stream.close();
    // The mention is about a comment, not their assignment: it stays.
    expect(await ofClaim(reviewer2, claim.id)).toEqual(['mentioned']);
    expect((await inbox(reviewer2)).unread).toBe(before - 2);
    // The reviewer still assigned keeps theirs; a read assignment elsewhere is history.
    expect((await ofClaim(reviewer, claim.id)).sort()).toEqual(['assigned', 'due_soon']);
    expect(await ofClaim(reviewer2, kept.id)).toEqual(['assigned']);
    // A read assignment stays when its claim is taken away too.
    const keptNow = await ok<{ version: number }>(as(moderator, 'GET', `/api/claims/${kept.id}`));
    await ok(
      as(moderator, 'POST', `/api/claims/${kept.id}/unassign`, {
        version: keptNow.version,
        reviewerIds: [reviewer2.id],
      }),
    );
    expect(await ofClaim(reviewer2, kept.id)).toEqual(['assigned']);
  });

  it('assigned again, the reviewer is told again, reminders included', async () => {
    const due = new Date(Date.now() + 3_600_000).toISOString();
    let claim = await assign(await newClaim(), [reviewer2.id], due);
    await t.app.notificationScanner.runOnce();
    claim = await ok(
      as(moderator, 'POST', `/api/claims/${claim.id}/unassign`, {
        version: claim.version,
        reviewerIds: [reviewer2.id],
      }),
    );
    claim = await assign(claim, [reviewer2.id]);
    await t.app.notificationScanner.runOnce();
    const kinds = (await inbox(reviewer2)).notifications
      .filter((n) => n.claimId === claim.id)
      .map((n) => n.kind);
    expect(kinds.sort()).toEqual(['assigned', 'due_soon']);
  });
});

describe('live stream', () => {
  it('the assignee hears of an assignment on their open stream without asking', async () => {
    const stream = await openNotificationStream(await baseUrl(), reviewer.cookie);
    expect(stream.contentType).toMatch(/^text\/event-stream/);
    const next = () => stream.next();
    const first = await next();
    expect(first).toEqual({ type: 'unread', unread: (await inbox(reviewer)).unread });
    const claim = await assign(await newClaim(), [reviewer.id]);
    const live = await next();
    expect(live).toMatchObject({
      type: 'notification',
      unread: first.unread + 1,
      notification: { kind: 'assigned', claimId: claim.id },
    });
    await ok(as(reviewer, 'POST', '/api/me/notifications/read'), 204);
    expect(await next()).toEqual({ type: 'unread', unread: 0 });
    stream.close();
  });
});
