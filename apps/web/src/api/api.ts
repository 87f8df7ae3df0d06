// Typed client of the Factdesk HTTP API: one function per route, shapes from @factdesk/model.
import type {
  ApiToken,
  ChangePasswordBody,
  CreatedInvite,
  CreatedToken,
  Invite,
  InvitePreview,
  LoginBody,
  Me,
  Member,
  Role,
  SignupBody,
  Workspace,
} from '@factdesk/model';
import { request } from './request.ts';

export type OpenSignupRole = Workspace['openSignupRole'];

export interface WorkspaceChanges {
  name?: string;
  openSignupRole?: OpenSignupRole;
}

export interface InviteOptions {
  role: Role;
  expiresInDays: number;
  maxUses: number;
}

const path = encodeURIComponent;

export const api = {
  signUp: (body: SignupBody) => request<Me>('POST', '/auth/signup', body),
  logIn: (body: LoginBody) => request<Me>('POST', '/auth/login', body),
  logOut: () => request<void>('POST', '/auth/logout'),

  me: () => request<Me>('GET', '/me'),
  changePassword: (body: ChangePasswordBody) => request<void>('PUT', '/me/password', body),
  listTokens: () => request<ApiToken[]>('GET', '/me/tokens'),
  createToken: (name: string) => request<CreatedToken>('POST', '/me/tokens', { name }),
  revokeToken: (tokenId: string) => request<void>('DELETE', `/me/tokens/${path(tokenId)}`),

  createWorkspace: (name: string) => request<Workspace>('POST', '/workspaces', { name }),
  workspace: (workspaceId: string) => request<Workspace>('GET', `/workspaces/${path(workspaceId)}`),
  updateWorkspace: (workspaceId: string, changes: WorkspaceChanges) =>
    request<Workspace>('PATCH', `/workspaces/${path(workspaceId)}`, changes),

  members: (workspaceId: string) =>
    request<Member[]>('GET', `/workspaces/${path(workspaceId)}/members`),
  changeRole: (workspaceId: string, userId: string, role: Role) =>
    request<Member>('PATCH', `/workspaces/${path(workspaceId)}/members/${path(userId)}`, {
      role,
    }),
  removeMember: (workspaceId: string, userId: string) =>
    request<void>('DELETE', `/workspaces/${path(workspaceId)}/members/${path(userId)}`),

  invites: (workspaceId: string) =>
    request<Invite[]>('GET', `/workspaces/${path(workspaceId)}/invites`),
  createInvite: (workspaceId: string, options: InviteOptions) =>
    request<CreatedInvite>('POST', `/workspaces/${path(workspaceId)}/invites`, options),
  revokeInvite: (workspaceId: string, inviteId: string) =>
    request<void>('DELETE', `/workspaces/${path(workspaceId)}/invites/${path(inviteId)}`),

  previewInvite: (token: string) => request<InvitePreview>('GET', `/invites/${path(token)}`),
  acceptInvite: (token: string) =>
    request<{ workspaceId: string }>('POST', `/invites/${path(token)}/accept`),
};

/** The link an invite token is shared as. */
export function inviteLink(token: string): string {
  return `${window.location.origin}/invite/${encodeURIComponent(token)}`;
}
