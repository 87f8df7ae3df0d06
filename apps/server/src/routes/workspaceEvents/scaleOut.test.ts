// Workspace live streams across instances: two app instances share one database and one
// Redis; a board open on one instance hears at once of a claim created, assigned and decided
// through the other, and a stream of another workspace hears nothing of it.
import type { WorkspaceEvent } from '@factdesk/model';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.ts';
import { anchorFor, buildDocumentWithText, docFrom } from '../../testing/claimFactories.ts';
import { openEventStream } from '../../testing/eventStream.ts';
import { sessionCookieOf } from '../../testing/testApp.ts';
import { callInstance, startTwoInstances, type TwoInstances } from '../../testing/twoInstances.ts';

const redisUrl = process.env.TEST_REDIS_URL || process.env.REDIS_URL;

describe.skipIf(!redisUrl)(
  'workspace event streams through Redis (needs TEST_REDIS_URL or REDIS_URL)',
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

    const call = async (
      app: FastifyInstance,
      method: string,
      url: string,
      cookie?: string,
      payload?: object,
    ) => {
      const response = await callInstance(app, method, url, cookie, payload);
      expect(response.statusCode, response.body).toBeLessThan(300);
      return response;
    };

    const signup = async (app: FastifyInstance, email: string, inviteToken?: string) => {
      const response = await call(app, 'POST', '/api/auth/signup', undefined, {
        email,
        displayName: email.split('@')[0],
        password: 'password-long-enough',
        ...(inviteToken ? { inviteToken } : {}),
      });
      return {
        cookie: sessionCookieOf(response),
        id: response.json().user.id as string,
        workspaceId: response.json().workspaces[0].id as string,
      };
    };

    it('a claim written on one instance reaches the board’s stream on the other', async () => {
      const owner = await signup(one, 'owner@example.com');
      const { workspaceId } = owner;
      const invite = await call(
        one,
        'POST',
        `/api/workspaces/${workspaceId}/invites`,
        owner.cookie,
        {
          role: 'reviewer',
        },
      );
      const reviewer = await signup(two, 'reviewer@example.com', invite.json().token);
      // Someone of another workspace only, with a stream of their own open on instance two.
      const elsewhereId: string = (
        await call(one, 'POST', '/api/workspaces', owner.cookie, { name: 'Elsewhere' })
      ).json().id;
      const strangerInvite = await call(
        one,
        'POST',
        `/api/workspaces/${elsewhereId}/invites`,
        owner.cookie,
        { role: 'reviewer' },
      );
      const stranger = await signup(two, 'stranger@example.com', strangerInvite.json().token);
      const { documentId, update } = await buildDocumentWithText(db.sql, {
        workspaceId,
        createdBy: owner.id,
        markdown: 'The minister said unemployment fell by 40% last year.',
      });

      const board = await openEventStream<WorkspaceEvent>(
        `${twoUrl}/api/workspaces/${workspaceId}/events`,
        reviewer.cookie,
      );
      const elsewhere = await openEventStream<WorkspaceEvent>(
        `${twoUrl}/api/workspaces/${elsewhereId}/events`,
        stranger.cookie,
      );
      try {
        const created = await call(
          one,
          'POST',
          `/api/documents/${documentId}/claims`,
          owner.cookie,
          {
            anchor: anchorFor(docFrom(update), 'unemployment fell by 40%'),
          },
        );
        expect(await board.next()).toEqual({ kind: 'claims', documentId });
        const claim = created.json();
        const assigned = await call(one, 'POST', `/api/claims/${claim.id}/assign`, owner.cookie, {
          version: claim.version,
          reviewerIds: [reviewer.id],
        });
        expect(await board.next()).toEqual({ kind: 'claims', documentId });
        const started = await call(one, 'POST', `/api/claims/${claim.id}/start`, reviewer.cookie, {
          version: assigned.json().version,
        });
        expect(await board.next()).toEqual({ kind: 'claims', documentId });
        await call(one, 'POST', `/api/claims/${claim.id}/propose`, reviewer.cookie, {
          version: started.json().version,
          verdict: 'false',
          rationale: 'The statistics office says 4%.',
        });
        expect(await board.next()).toEqual({ kind: 'claims', documentId });
        expect(await elsewhere.nextWithin(600)).toBeUndefined();
      } finally {
        board.close();
        elsewhere.close();
      }
    });
  },
);
