// The members table. Role selects and remove buttons appear only with the matching ability.
import type { Member, Role, Workspace } from '@factdesk/model';
import { ROLES } from '@factdesk/model';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { ApiError } from '../../api/ApiError.ts';
import { api } from '../../api/api.ts';
import { ErrorAlert, Notice } from '../../components/Alert.tsx';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { formatDate } from '../../components/formatDate.ts';
import { Loading } from '../../components/Loading.tsx';
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
  const canChangeRole = workspace.abilities['member.changeRole'];
  const canRemove = workspace.abilities['member.remove'];

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
                {canRemove && (
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
                  {canRemove && (
                    <td className="cell-actions">
                      <button
                        type="button"
                        className="button button-danger-quiet button-small"
                        aria-label={`Remove ${member.displayName}`}
                        onClick={() => setRemoving(member)}
                      >
                        Remove
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
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
