// The members table. Role selects, remove buttons and reset links appear only with the
// matching ability (the reset-link one comes with each member: the server decides for whom).
import type { CreatedResetLink, Member, Role, Workspace } from '@factdesk/model';
import { ROLES } from '@factdesk/model';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { ApiError } from '../../api/ApiError.ts';
import { api, resetLink } from '../../api/api.ts';
import { ErrorAlert, Notice } from '../../components/Alert.tsx';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { formatDate, formatDateTime } from '../../components/formatDate.ts';
import { Loading } from '../../components/Loading.tsx';
import { OneTimeSecret } from '../../components/OneTimeSecret.tsx';
import { RoleBadge } from '../../components/RoleBadge.tsx';
import { ROLE_LABELS } from '../../components/roles.ts';
import { useMe, useSession } from '../../state/SessionProvider.tsx';
import { useResource } from '../../state/useResource.ts';
import { useWorkspace } from '../../state/WorkspaceContext.tsx';

export function MembersSection({ workspace }: { workspace: Workspace }) {
  const me = useMe();
  const session = useSession();
  const { reload: reloadWorkspace } = useWorkspace();
  const navigate = useNavigate();
  const members = useResource(`members:${workspace.id}`, () => api.members(workspace.id));
  const [error, setError] = useState<ApiError>();
  const [notice, setNotice] = useState('');
  const [pendingId, setPendingId] = useState<string>();
  const [removing, setRemoving] = useState<Member>();
  const [reset, setReset] = useState<{ member: Member; link: CreatedResetLink }>();
  const canChangeRole = workspace.abilities['member.changeRole'];
  const canRemove = workspace.abilities['member.remove'];
  const canReset = workspace.abilities['member.resetPassword'];
  const hasActions = canRemove || canReset;

  async function issueResetLink(member: Member) {
    setPendingId(member.userId);
    setError(undefined);
    setNotice('');
    setReset(undefined);
    try {
      setReset({ member, link: await api.issueResetLink(workspace.id, member.userId) });
    } catch (caught) {
      setError(ApiError.from(caught));
    } finally {
      setPendingId(undefined);
    }
  }

  async function changeRole(member: Member, role: Role) {
    setPendingId(member.userId);
    setError(undefined);
    setNotice('');
    try {
      const updated = await api.changeRole(workspace.id, member.userId, role);
      members.update((list) => list.map((m) => (m.userId === updated.userId ? updated : m)));
      setNotice(`${updated.displayName} is now ${ROLE_LABELS[updated.role].toLowerCase()}.`);
      if (updated.userId === me.user.id) {
        // Your own abilities changed: take them from the server again.
        await session.refresh();
        reloadWorkspace();
      }
    } catch (caught) {
      setError(ApiError.from(caught));
    } finally {
      setPendingId(undefined);
    }
  }

  async function remove(member: Member) {
    await api.removeMember(workspace.id, member.userId);
    if (member.userId === me.user.id) {
      await session.refresh();
      navigate('/', { replace: true });
      return;
    }
    members.update((list) => list.filter((m) => m.userId !== member.userId));
    setNotice(`${member.displayName} was removed from ${workspace.name}.`);
  }

  return (
    <section className="panel stack" aria-labelledby="members-heading">
      <div className="panel-header">
        <h2 id="members-heading">People</h2>
        {members.data && (
          <span className="count">
            {members.data.length} {members.data.length === 1 ? 'member' : 'members'}
          </span>
        )}
      </div>
      <ErrorAlert error={members.error ?? error} />
      <Notice>{notice}</Notice>
      {reset && (
        <OneTimeSecret
          label={`Reset link for ${reset.member.displayName}`}
          value={resetLink(reset.link.token)}
          onDone={() => setReset(undefined)}
        >
          <p>
            <strong>Copy this link now: it is shown only once.</strong> Give it to{' '}
            {reset.member.displayName} privately (not in a shared channel): whoever opens it can set
            a new password for {reset.member.email}, once, until{' '}
            {formatDateTime(reset.link.expiresAt)}. Any earlier reset link for them no longer works.
          </p>
        </OneTimeSecret>
      )}
      {members.loading && <Loading label="Loading members…" />}
      {members.data && (
        <div className="table-wrap">
          <table className="table table-members">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Role</th>
                <th scope="col">Joined</th>
                {hasActions && (
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {members.data.map((member) => (
                <tr key={member.userId}>
                  <th scope="row" className="cell-name">
                    {member.displayName}
                    {member.userId === me.user.id && <span className="you">you</span>}
                  </th>
                  <td className="cell-email">{member.email}</td>
                  <td data-label="Role">
                    {canChangeRole ? (
                      <select
                        className="select-compact"
                        aria-label={`Role of ${member.displayName}`}
                        value={member.role}
                        disabled={pendingId === member.userId}
                        onChange={(event) => changeRole(member, event.target.value as Role)}
                      >
                        {ROLES.map((role) => (
                          <option key={role} value={role}>
                            {ROLE_LABELS[role]}
                          </option>
                        ))}
                      </select>
                    ) : (
                      <RoleBadge role={member.role} />
                    )}
                  </td>
                  <td data-label="Joined" className="cell-muted">
                    {formatDate(member.joinedAt)}
                  </td>
                  {hasActions && (
                    <td className="cell-actions">
                      {member.abilities.resetLink && (
                        <button
                          type="button"
                          className="button button-secondary button-small"
                          aria-label={`Reset link for ${member.displayName}`}
                          disabled={pendingId === member.userId}
                          onClick={() => issueResetLink(member)}
                        >
                          Reset link
                        </button>
                      )}
                      {canRemove && (
                        <button
                          type="button"
                          className="button button-danger-quiet button-small"
                          aria-label={`Remove ${member.displayName}`}
                          onClick={() => setRemoving(member)}
                        >
                          Remove
                        </button>
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canReset && (
        <p className="muted">
          Someone cannot log in? <strong>Reset link</strong> gives you a one-time link for them to
          set a new password. It is offered for members who own no workspace and belong only to
          workspaces you own; for anyone else the instance administrator runs{' '}
          <code>factdesk user reset-password --email …</code>.
        </p>
      )}
      <ConfirmDialog
        open={removing !== undefined}
        title={`Remove ${removing?.displayName ?? 'member'}?`}
        confirmLabel="Remove member"
        onClose={() => setRemoving(undefined)}
        onConfirm={async () => {
          if (removing) await remove(removing);
        }}
      >
        <p>
          {removing?.userId === me.user.id
            ? `You will lose access to ${workspace.name} and its documents at once.`
            : `${removing?.displayName} (${removing?.email}) loses access to ${workspace.name} and its documents at once. Their past claims and verdicts stay.`}
        </p>
      </ConfirmDialog>
    </section>
  );
}
