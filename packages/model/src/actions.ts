// Every action a member can attempt in a workspace. The server's policy module maps
// (role, action) to allow/deny; the web app receives the result as `abilities`.
export const ACTIONS = [
  // workspace and members
  'workspace.read',
  'workspace.update',
  'member.list',
  'member.changeRole',
  'member.remove',
  // Issue a one-time password reset link for a member (policies.ts says for whom).
  'member.resetPassword',
  'invite.list',
  'invite.create',
  'invite.revoke',
  // documents
  'document.read',
  'document.import',
  'document.edit',
  'document.lock',
  'document.archive',
  'document.delete',
  // claims
  'claim.create',
  'claim.work',
  'claim.assign',
  'verdict.approve',
  // Approve a verdict one proposed oneself although the workspace asks for four eyes.
  'verdict.overrideFourEyes',
  'claim.comment',
  // How many independent (blind) verdicts claims need, for the workspace or one claim.
  'review.configureBlind',
  'verdictScale.update',
  // report
  'report.export',
  // Time-to-verdict figures per reviewer and per document.
  'dashboard.read',
] as const;

export type Action = (typeof ACTIONS)[number];
export type Abilities = Record<Action, boolean>;
