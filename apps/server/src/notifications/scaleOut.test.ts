// Notifications across instances: two app instances share one database and one Redis; a
// person whose inbox stream is open on one instance hears at once of an assignment made
// through the other, and of reading on the other.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.ts';
import { anchorFor, buildDocumentWithText, docFrom } from '../testing/claimFactories.ts';
import { openNotificationStream } from '../testing/notificationStream.ts';
import { sessionCookieOf } from '../testing/testApp.ts';
import {
  callInstance as call,
  startTwoInstances,
  type TwoInstances,
} from '../testing/twoInstances.ts';

const redisUrl = process.env.TEST_REDIS_URL || process.env.REDIS_URL;

describe.skipIf(!redisUrl)(
  'notifications through Redis (needs TEST_REDIS_URL or REDIS_URL)',
  () => {
    let instances: TwoInstances;
    let db: Database;
    let one: FastifyInstance;
    let two: FastifyInstance;
    let twoUrl: string;

    beforeAll(async () => {
      instances = await startTwoInstances(redisUrl ?? '');
      ({ db, one, two, twoUrl } = instances);
    });
    afterAll(() => instances?.close());

    it('an assignment made on one instance reaches the assignee’s stream on the other', async () => {
      const signup = await call(one, 'POST', '/api/auth/signup', undefined, {
        email: 'owner@example.com',
        displayName: 'Olivia Owner',
        password: 'password-long-enough',
      });
      const owner = { cookie: sessionCookieOf(signup), ...signup.json().user };
      const workspaceId: string = signup.json().workspaces[0].id;
      const invite = await call(
        one,
        'POST',
        `/api/workspaces/${workspaceId}/invites`,
        owner.cookie,
        {
          role: 'reviewer',
        },
      );
      const reviewerSignup = await call(two, 'POST', '/api/auth/signup', undefined, {
        email: 'reviewer@example.com',
        displayName: 'Rémi Reviewer',
        password: 'password-long-enough',
        inviteToken: invite.json().token,
      });
      const reviewer = { cookie: sessionCookieOf(reviewerSignup), ...reviewerSignup.json().user };
      const { documentId, update } = await buildDocumentWithText(db.sql, {
        workspaceId,
        createdBy: owner.id,
        markdown: 'The minister said unemployment fell by 40% last year.',
      });

      const stream = await openNotificationStream(twoUrl, reviewer.cookie);
      try {
        expect(await stream.next()).toEqual({ type: 'unread', unread: 0 });
        const created = await call(
          one,
          'POST',
          `/api/documents/${documentId}/claims`,
          owner.cookie,
          {
            anchor: anchorFor(docFrom(update), 'unemployment fell by 40%'),
          },
        );
        const claim = created.json();
        const assigned = await call(one, 'POST', `/api/claims/${claim.id}/assign`, owner.cookie, {
          version: claim.version,
          reviewerIds: [reviewer.id],
        });
        expect(assigned.statusCode, assigned.body).toBe(200);
        expect(await stream.next()).toMatchObject({
          type: 'notification',
          unread: 1,
          notification: {
            kind: 'assigned',
            claimId: claim.id,
            actorName: 'Olivia Owner',
          },
        });
        // Read through instance one: the stream on two hears the new count.
        const read = await call(one, 'POST', '/api/me/notifications/read', reviewer.cookie);
        expect(read.statusCode).toBe(204);
        expect(await stream.next()).toEqual({ type: 'unread', unread: 0 });
        // Taken off (nothing unread to withdraw), assigned again, then taken off again on
        // instance one: the unread assignment leaves the inbox on two.
        const off = await call(one, 'POST', `/api/claims/${claim.id}/unassign`, owner.cookie, {
          version: assigned.json().version,
          reviewerIds: [reviewer.id],
        });
        expect(off.statusCode, off.body).toBe(200);
        const again = await call(one, 'POST', `/api/claims/${claim.id}/assign`, owner.cookie, {
          version: off.json().version,
          reviewerIds: [reviewer.id],
        });
        expect(again.statusCode, again.body).toBe(200);
        const added = await stream.next();
        const unassigned = await call(
          one,
          'POST',
          `/api/claims/${claim.id}/unassign`,
          owner.cookie,
          {
            version: again.json().version,
            reviewerIds: [reviewer.id],
          },
        );
        expect(unassigned.statusCode, unassigned.body).toBe(200);
        expect(await stream.next()).toEqual({
          type: 'withdrawn',
          notificationIds: [added.type === 'notification' ? added.notification.id : ''],
          unread: 0,
        });
      } finally {
        stream.close();
      }
    });
  },
);
