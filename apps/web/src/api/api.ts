// Typed client of the Factdesk HTTP API: one function per route, shapes from @factdesk/model.
import type {
  AddEvidenceBody,
  AdjudicateBody,
  Agreement,
  ApiToken,
  AssignClaimBody,
  ChangePasswordBody,
  Claim,
  ClaimAnchor,
  ClaimEvent,
  ClaimEventCatchUp,
  Comment,
  CreateClaimBody,
  CreatedInvite,
  CreatedResetLink,
  CreatedToken,
  Dashboard,
  DocumentListItem,
  DocumentSchema,
  DocumentVersion,
  DocumentVersionContent,
  Evidence,
  EvidenceLink,
  ImportDocumentBody,
  Invite,
  InvitePreview,
  Locale,
  LoginBody,
  Me,
  Member,
  NotificationInbox,
  NotificationKind,
  NotificationSettings,
  ProposeVerdictBody,
  QueueClaim,
  ReportScope,
  ResetLinkPreview,
  Role,
  SearchResults,
  SignupBody,
  SimilarClaims,
  UnassignClaimBody,
  UpdateClaimBody,
  UpdateDocumentBody,
  UpdateEvidenceBody,
  UpdateWorkspaceBody,
  VerdictScale,
  Workspace,
  WorkspaceVerdictScale,
} from '@factdesk/model';
import { request } from './request.ts';

export type OpenSignupRole = Workspace['openSignupRole'];

export type WorkspaceChanges = UpdateWorkspaceBody;

export interface InviteOptions {
  role: Role;
  expiresInDays: number;
  maxUses: number;
}

/** GET …/search: the words and the filters, as the address of the results page keeps them. */
export interface SearchParams {
  q: string;
  verdict?: string | undefined;
  status?: string | undefined;
  reviewer?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

export interface DocumentFilter {
  q?: string;
  archived?: boolean;
}

/** An evidence write's answer: the link, and its claim at the new version. */
export interface EvidenceWrite {
  evidence: Evidence;
  claim: Claim;
}

export const REPORT_FORMATS = ['html', 'pdf', 'md', 'csv', 'json', 'claimreview'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface ReportRequest {
  format: ReportFormat;
  scope: ReportScope;
  evidence: boolean;
  articleText: boolean;
  /** A saved text version's id; undefined: the current text. */
  version?: string | undefined;
}

const path = encodeURIComponent;

/** `?a=1&b=2` of the defined values, or '' when there are none. */
function query(values: Record<string, string | number | boolean | undefined>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) {
    if (value !== undefined && value !== '') params.set(name, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

const claim = (claimId: string, action = '') => `/claims/${path(claimId)}${action}`;

export const api = {
  signUp: (body: SignupBody) => request<Me>('POST', '/auth/signup', body),
  logIn: (body: LoginBody) => request<Me>('POST', '/auth/login', body),
  logOut: () => request<void>('POST', '/auth/logout'),

  me: () => request<Me>('GET', '/me'),
  changeLocale: (locale: Locale) => request<Me>('PATCH', '/me', { locale }),
  changePassword: (body: ChangePasswordBody) => request<void>('PUT', '/me/password', body),
  listTokens: () => request<ApiToken[]>('GET', '/me/tokens'),
  createToken: (name: string) => request<CreatedToken>('POST', '/me/tokens', { name }),
  revokeToken: (tokenId: string) => request<void>('DELETE', `/me/tokens/${path(tokenId)}`),

  createWorkspace: (name: string) => request<Workspace>('POST', '/workspaces', { name }),
  workspace: (workspaceId: string) => request<Workspace>('GET', `/workspaces/${path(workspaceId)}`),
  updateWorkspace: (workspaceId: string, changes: WorkspaceChanges) =>
    request<Workspace>('PATCH', `/workspaces/${path(workspaceId)}`, changes),
  setBlindReviews: (workspaceId: string, blindReviews: number) =>
    request<Workspace>('PUT', `/workspaces/${path(workspaceId)}/blind-reviews`, { blindReviews }),

  members: (workspaceId: string) =>
    request<Member[]>('GET', `/workspaces/${path(workspaceId)}/members`),
  changeRole: (workspaceId: string, userId: string, role: Role) =>
    request<Member>('PATCH', `/workspaces/${path(workspaceId)}/members/${path(userId)}`, {
      role,
    }),
  removeMember: (workspaceId: string, userId: string) =>
    request<void>('DELETE', `/workspaces/${path(workspaceId)}/members/${path(userId)}`),
  /** A one-time password reset link for the member; voids their earlier one. */
  issueResetLink: (workspaceId: string, userId: string) =>
    request<CreatedResetLink>(
      'POST',
      `/workspaces/${path(workspaceId)}/members/${path(userId)}/reset-link`,
    ),
  previewResetLink: (token: string) =>
    request<ResetLinkPreview>('GET', `/password-resets/${path(token)}`),
  /** Sets the password and signs in as the link's person. */
  redeemResetLink: (token: string, newPassword: string) =>
    request<Me>('POST', `/password-resets/${path(token)}`, { newPassword }),

  invites: (workspaceId: string) =>
    request<Invite[]>('GET', `/workspaces/${path(workspaceId)}/invites`),
  createInvite: (workspaceId: string, options: InviteOptions) =>
    request<CreatedInvite>('POST', `/workspaces/${path(workspaceId)}/invites`, options),
  revokeInvite: (workspaceId: string, inviteId: string) =>
    request<void>('DELETE', `/workspaces/${path(workspaceId)}/invites/${path(inviteId)}`),

  previewInvite: (token: string) => request<InvitePreview>('GET', `/invites/${path(token)}`),
  acceptInvite: (token: string) =>
    request<{ workspaceId: string }>('POST', `/invites/${path(token)}/accept`),

  documents: (workspaceId: string, filter: DocumentFilter = {}) =>
    request<DocumentListItem[]>(
      'GET',
      `/workspaces/${path(workspaceId)}/documents${query({ q: filter.q, archived: filter.archived })}`,
    ),
  importDocument: (workspaceId: string, body: ImportDocumentBody) =>
    request<DocumentSchema>('POST', `/workspaces/${path(workspaceId)}/documents`, body),
  document: (documentId: string) =>
    request<DocumentSchema>('GET', `/documents/${path(documentId)}`),
  updateDocument: (documentId: string, changes: UpdateDocumentBody) =>
    request<DocumentSchema>('PATCH', `/documents/${path(documentId)}`, changes),
  lockDocument: (documentId: string) =>
    request<DocumentSchema>('POST', `/documents/${path(documentId)}/lock`),
  unlockDocument: (documentId: string) =>
    request<DocumentSchema>('POST', `/documents/${path(documentId)}/unlock`),
  archiveDocument: (documentId: string) =>
    request<DocumentSchema>('POST', `/documents/${path(documentId)}/archive`),
  unarchiveDocument: (documentId: string) =>
    request<DocumentSchema>('POST', `/documents/${path(documentId)}/unarchive`),
  deleteDocument: (documentId: string) => request<void>('DELETE', `/documents/${path(documentId)}`),
  versions: (documentId: string) =>
    request<DocumentVersion[]>('GET', `/documents/${path(documentId)}/versions`),
  saveVersion: (documentId: string, name: string) =>
    request<DocumentVersion>('POST', `/documents/${path(documentId)}/versions`, { name }),
  version: (documentId: string, versionId: string) =>
    request<DocumentVersionContent>(
      'GET',
      `/documents/${path(documentId)}/versions/${path(versionId)}`,
    ),
  restoreVersion: (documentId: string, versionId: string) =>
    request<void>('POST', `/documents/${path(documentId)}/versions/${path(versionId)}/restore`),

  claims: (documentId: string) => request<Claim[]>('GET', `/documents/${path(documentId)}/claims`),
  createClaim: (documentId: string, body: CreateClaimBody) =>
    request<Claim>('POST', `/documents/${path(documentId)}/claims`, body),
  claim: (claimId: string) => request<Claim>('GET', claim(claimId)),
  updateClaim: (claimId: string, body: UpdateClaimBody) =>
    request<Claim>('PATCH', claim(claimId), body),
  assignClaim: (claimId: string, body: AssignClaimBody) =>
    request<Claim>('POST', claim(claimId, '/assign'), body),
  unassignClaim: (claimId: string, body: UnassignClaimBody) =>
    request<Claim>('POST', claim(claimId, '/unassign'), body),
  startReview: (claimId: string, version: number) =>
    request<Claim>('POST', claim(claimId, '/start'), { version }),
  proposeVerdict: (claimId: string, body: ProposeVerdictBody) =>
    request<Claim>('POST', claim(claimId, '/propose'), body),
  /** override: an owner approving their own verdict past the four-eyes rule (recorded). */
  approveVerdict: (claimId: string, version: number, override = false) =>
    request<Claim>(
      'POST',
      claim(claimId, '/approve'),
      override ? { version, override } : { version },
    ),
  returnClaim: (claimId: string, version: number, reason?: string) =>
    request<Claim>('POST', claim(claimId, '/return'), { version, reason }),
  reopenClaim: (claimId: string, version: number) =>
    request<Claim>('POST', claim(claimId, '/reopen'), { version }),
  /** Blind review: decide between disagreeing verdicts; approves the claim. */
  adjudicate: (claimId: string, body: AdjudicateBody) =>
    request<Claim>('POST', claim(claimId, '/adjudicate'), body),
  /** Independent verdicts one claim needs; null: the workspace's setting. */
  setClaimBlindReviews: (claimId: string, version: number, blindReviews: number | null) =>
    request<Claim>('POST', claim(claimId, '/blind-reviews'), { version, blindReviews }),
  reanchorClaim: (claimId: string, version: number, anchor: ClaimAnchor) =>
    request<Claim>('POST', claim(claimId, '/reanchor'), { version, anchor }),
  evidence: (claimId: string) => request<Evidence[]>('GET', claim(claimId, '/evidence')),
  addEvidence: (claimId: string, body: AddEvidenceBody) =>
    request<EvidenceWrite>('POST', claim(claimId, '/evidence'), body),
  updateEvidence: (evidenceId: string, body: UpdateEvidenceBody) =>
    request<EvidenceWrite>('PATCH', `/evidence/${path(evidenceId)}`, body),
  /** Archive now: the link with its archived copy, and the claim at its new version. */
  archiveEvidence: (evidenceId: string) =>
    request<EvidenceWrite>('POST', `/evidence/${path(evidenceId)}/archive`),
  /** Check again: what the link checker finds at the link now. */
  checkEvidenceLink: (evidenceId: string) =>
    request<EvidenceLink>('POST', `/evidence/${path(evidenceId)}/check`),
  /** Answers the claim at its new version. */
  removeEvidence: (evidenceId: string, version: number) =>
    request<Claim>('DELETE', `/evidence/${path(evidenceId)}${query({ version })}`),
  comments: (claimId: string) => request<Comment[]>('GET', claim(claimId, '/comments')),
  addComment: (claimId: string, body: string) =>
    request<Comment>('POST', claim(claimId, '/comments'), { body }),
  /** Same claim elsewhere: approved claims of the workspace saying what this claim says. */
  similarToClaim: (claimId: string) => request<SimilarClaims>('GET', claim(claimId, '/similar')),
  /** …or what a quote and a statement being written say (the claim's own id is not left out). */
  similarToText: (workspaceId: string, text: { quote: string; statement: string }) => {
    const params = new URLSearchParams();
    if (text.quote.trim()) params.set('quote', text.quote);
    if (text.statement.trim()) params.set('statement', text.statement);
    return request<SimilarClaims>(
      'GET',
      `/workspaces/${path(workspaceId)}/claims/similar?${params}`,
    );
  },
  /** Copies an approved claim's verdict, rationale and evidence in, as a proposal. */
  reuseVerdict: (claimId: string, version: number, fromClaimId: string) =>
    request<Claim>('POST', claim(claimId, '/reuse'), { version, fromClaimId }),
  claimHistory: (claimId: string) => request<ClaimEvent[]>('GET', claim(claimId, '/history')),
  claimEvents: (documentId: string, after: number) =>
    request<ClaimEventCatchUp>('GET', `/documents/${path(documentId)}/events${query({ after })}`),
  myQueue: () => request<QueueClaim[]>('GET', '/me/queue'),
  /** Every claim of the workspace's active documents, for the moderator board. */
  workspaceClaims: (workspaceId: string) =>
    request<QueueClaim[]>('GET', `/workspaces/${path(workspaceId)}/claims`),
  search: (workspaceId: string, params: SearchParams) => {
    const query = new URLSearchParams();
    for (const [name, value] of Object.entries(params)) if (value) query.set(name, value);
    return request<SearchResults>('GET', `/workspaces/${path(workspaceId)}/search?${query}`);
  },
  /** Time to verdict over a period (moderators); the last 30 days unless asked. */
  dashboard: (
    workspaceId: string,
    period: { from?: string | undefined; to?: string | undefined },
  ) => request<Dashboard>('GET', `/workspaces/${path(workspaceId)}/dashboard${query(period)}`),
  /** Agreement of blind review over a period (moderators): kappa and alpha with intervals. */
  dashboardAgreement: (
    workspaceId: string,
    period: { from?: string | undefined; to?: string | undefined },
  ) =>
    request<Agreement>(
      'GET',
      `/workspaces/${path(workspaceId)}/dashboard/agreement${query(period)}`,
    ),
  verdictScale: (workspaceId: string) =>
    request<WorkspaceVerdictScale>('GET', `/workspaces/${path(workspaceId)}/verdict-scale`),
  saveVerdictScale: (workspaceId: string, scale: VerdictScale) =>
    request<WorkspaceVerdictScale>('PUT', `/workspaces/${path(workspaceId)}/verdict-scale`, scale),

  // Notifications (docs/notifications.md); the live stream is notificationStreamUrl.
  notifications: () => request<NotificationInbox>('GET', '/me/notifications'),
  markNotificationRead: (notificationId: string) =>
    request<void>('POST', `/me/notifications/${path(notificationId)}/read`),
  markAllNotificationsRead: () => request<void>('POST', '/me/notifications/read'),
  notificationSettings: () => request<NotificationSettings>('GET', '/me/notification-settings'),
  saveNotificationSettings: (emailKinds: NotificationKind[]) =>
    request<NotificationSettings>('PUT', '/me/notification-settings', { emailKinds }),
  unsubscribe: (token: string) =>
    request<{ unsubscribed: boolean }>('POST', `/unsubscribe/${path(token)}`),
  resetByEmailAvailable: () => request<{ available: boolean }>('GET', '/password-resets/by-email'),
  askResetEmail: (email: string) =>
    request<{ message: string }>('POST', '/password-resets/by-email', { email }),
};

/** Where the report of a document downloads from (the browser follows it; no fetch). */
export function reportUrl(documentId: string, report: ReportRequest): string {
  return `/api/documents/${path(documentId)}/report${query({ ...report })}`;
}

/** The link a password reset token is shared as (the command line builds the same). */
export function resetLink(token: string): string {
  return `${window.location.origin}/reset/${encodeURIComponent(token)}`;
}

/** The link an invite token is shared as. */
export function inviteLink(token: string): string {
  return `${window.location.origin}/invite/${encodeURIComponent(token)}`;
}

/** The server-sent events of your notifications (EventSource; the session cookie goes along). */
export const notificationStreamUrl = '/api/me/notifications/stream';

/**
 * The server-sent events of a workspace's lists: "claims of document X changed", "documents
 * changed" — signals only; the page fetches again through the API (EventSource; members only).
 */
export function workspaceEventsUrl(workspaceId: string): string {
  return `/api/workspaces/${path(workspaceId)}/events`;
}
