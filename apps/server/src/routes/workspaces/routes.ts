// Workspaces, their members and their invite links.
import {
  ChangeRoleBody,
  CreatedInvite,
  CreatedResetLink,
  CreateInviteBody,
  CreateWorkspaceBody,
  ErrorBody,
  Invite,
  Member,
  SetWorkspaceBlindReviewsBody,
  UpdateWorkspaceBody,
  Uuid,
  Workspace,
} from '@factdesk/model';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { workspaceAccess } from '../../access/workspaceAccess.ts';
import { createInvite, revokeInvite } from '../../commands/invites.ts';
import { issueResetLink, resetLinkAbilities } from '../../commands/passwordResets.ts';
import {
  changeMemberRole,
  createWorkspace,
  removeMember,
  setBlindReviews,
  updateWorkspace,
} from '../../commands/workspaces.ts';
import { requireActor } from '../../plugins/auth.ts';
import { presentInvite, presentMember, presentWorkspace } from '../../presenters/accounts.ts';
import { presentCreatedResetLink } from '../../presenters/passwordResets.ts';
import { listInvites } from '../../queries/invites.ts';
import { listMembers } from '../../queries/workspaces.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const WorkspaceParams = Type.Object({ workspaceId: Uuid });
const MemberParams = Type.Object({ workspaceId: Uuid, userId: Uuid });
const InviteParams = Type.Object({ workspaceId: Uuid, inviteId: Uuid });

export const workspaceRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/',
    {
      schema: {
        tags: ['workspaces'],
        summary: 'Create a workspace; you become its owner',
        body: CreateWorkspaceBody,
        response: { 201: Workspace, ...errors },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const workspace = await createWorkspace(app.db, actor.userId, request.body.name);
      return reply.status(201).send(presentWorkspace(workspace));
    },
  );

  app.get(
    '/:workspaceId',
    {
      schema: {
        tags: ['workspaces'],
        summary: 'A workspace with your role and abilities',
        params: WorkspaceParams,
        response: { 200: Workspace, ...errors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { workspaceId } = request.params;
      return presentWorkspace(
        await workspaceAccess(app.db, actor.userId, workspaceId, 'workspace.read'),
      );
    },
  );

  app.patch(
    '/:workspaceId',
    {
      schema: {
        tags: ['workspaces'],
        summary:
          'Change the workspace settings: name, open sign-up, the publishing organisation (ClaimReview author) and the four-eyes rule (owners)',
        params: WorkspaceParams,
        body: UpdateWorkspaceBody,
        response: { 200: Workspace, ...errors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const membership = await workspaceAccess(
        app.db,
        actor.userId,
        request.params.workspaceId,
        'workspace.update',
      );
      return presentWorkspace(await updateWorkspace(app.db, membership, request.body));
    },
  );

  app.put(
    '/:workspaceId/blind-reviews',
    {
      schema: {
        tags: ['workspaces'],
        summary:
          'How many independent (blind) verdicts each claim needs unless it says otherwise: 1 (single review) to 5 (moderators)',
        params: WorkspaceParams,
        body: SetWorkspaceBlindReviewsBody,
        response: { 200: Workspace, ...errors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const membership = await workspaceAccess(
        app.db,
        actor.userId,
        request.params.workspaceId,
        'review.configureBlind',
      );
      return presentWorkspace(await setBlindReviews(app.db, membership, request.body));
    },
  );

  app.get(
    '/:workspaceId/members',
    {
      schema: {
        tags: ['members'],
        summary: 'Members of the workspace',
        params: WorkspaceParams,
        response: { 200: Type.Array(Member), ...errors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { workspaceId } = request.params;
      const membership = await workspaceAccess(app.db, actor.userId, workspaceId, 'member.list');
      const resetLinks = await resetLinkAbilities(
        app.db,
        workspaceId,
        actor.userId,
        membership.role,
      );
      return (await listMembers(app.db, workspaceId)).map((row) => presentMember(row, resetLinks));
    },
  );

  app.patch(
    '/:workspaceId/members/:userId',
    {
      schema: {
        tags: ['members'],
        summary: 'Change a member’s role (owners; the last owner cannot be demoted)',
        params: MemberParams,
        body: ChangeRoleBody,
        response: { 200: Member, ...errors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { workspaceId, userId } = request.params;
      const membership = await workspaceAccess(
        app.db,
        actor.userId,
        workspaceId,
        'member.changeRole',
      );
      const member = await changeMemberRole(app.db, workspaceId, userId, request.body.role);
      await app.liveDocuments.accessChanged({ userId });
      // Your own role may have changed too: the ability is judged on the rows as they are now.
      const role = userId === actor.userId ? member.role : membership.role;
      return presentMember(
        member,
        await resetLinkAbilities(app.db, workspaceId, actor.userId, role),
      );
    },
  );

  app.delete(
    '/:workspaceId/members/:userId',
    {
      schema: {
        tags: ['members'],
        summary: 'Remove a member (owners; the last owner cannot be removed)',
        params: MemberParams,
        response: { 204: {}, ...errors },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const { workspaceId, userId } = request.params;
      await workspaceAccess(app.db, actor.userId, workspaceId, 'member.remove');
      await removeMember(app.db, workspaceId, userId);
      await app.liveDocuments.accessChanged({ userId });
      return reply.status(204).send();
    },
  );

  app.post(
    '/:workspaceId/members/:userId/reset-link',
    {
      schema: {
        tags: ['members'],
        summary:
          'Issue a one-time password reset link for a member (owners; not for owners or people in workspaces you do not own); voids their earlier link',
        params: MemberParams,
        response: { 201: CreatedResetLink, ...errors },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const { workspaceId, userId } = request.params;
      const membership = await workspaceAccess(
        app.db,
        actor.userId,
        workspaceId,
        'member.resetPassword',
      );
      const link = await issueResetLink(app.db, {
        workspaceId,
        issuerId: actor.userId,
        issuerRole: membership.role,
        userId,
        hours: app.config.passwordResetHours,
      });
      return reply.status(201).send(presentCreatedResetLink(link));
    },
  );

  app.get(
    '/:workspaceId/invites',
    {
      schema: {
        tags: ['invites'],
        summary: 'Invite links of the workspace (owners)',
        params: WorkspaceParams,
        response: { 200: Type.Array(Invite), ...errors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { workspaceId } = request.params;
      await workspaceAccess(app.db, actor.userId, workspaceId, 'invite.list');
      return (await listInvites(app.db, workspaceId)).map((row) => presentInvite(row));
    },
  );

  app.post(
    '/:workspaceId/invites',
    {
      schema: {
        tags: ['invites'],
        summary: 'Create an invite link with a role and an expiry (owners)',
        params: WorkspaceParams,
        body: CreateInviteBody,
        response: { 201: CreatedInvite, ...errors },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const { workspaceId } = request.params;
      await workspaceAccess(app.db, actor.userId, workspaceId, 'invite.create');
      const { invite, token } = await createInvite(app.db, {
        workspaceId,
        createdBy: actor.userId,
        ...request.body,
      });
      return reply.status(201).send({ invite: presentInvite(invite), token });
    },
  );

  app.delete(
    '/:workspaceId/invites/:inviteId',
    {
      schema: {
        tags: ['invites'],
        summary: 'Revoke an invite link (owners)',
        params: InviteParams,
        response: { 204: {}, ...errors },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const { workspaceId, inviteId } = request.params;
      await workspaceAccess(app.db, actor.userId, workspaceId, 'invite.revoke');
      await revokeInvite(app.db, workspaceId, inviteId);
      return reply.status(204).send();
    },
  );
};
