// The members table. Role selects, remove buttons and reset links appear only with the
// matching ability (the reset-link one comes with each member: the server decides for whom).
import type { CreatedResetLink, Member, Role, Workspace } from '@factdesk/model';
import { ROLES } from '@factdesk/model';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { useNavigate } from 'react-router-dom';
import { ApiError } from '../../api/ApiError.ts';
import { api, resetLink } from '../../api/api.ts';
import { ErrorAlert, Notice } from '../../components/Alert.tsx';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { formatDate, formatDateTime } from '../../components/formatDate.ts';
import { Loading } from '../../components/Loading.tsx';
import { OneTimeSecret } from '../../components/OneTimeSecret.tsx';
import { RoleBadge } from '../../components/RoleBadge.tsx';
import { roleLabel } from '../../components/roles.ts';
import { useT } from '../../i18n/useT.ts';
import { useMe, useSession } from '../../state/SessionProvider.tsx';
import { useResource } from '../../state/useResource.ts';
import { useWorkspace } from '../../state/WorkspaceContext.tsx';

export function MembersSection({ workspace }: { workspace: Workspace }) {
  const me = useMe();
  const session = useSession();
  const { reload: reloadWorkspace } = useWorkspace();
  const navigate = useNavigate();
  const intl = useIntl();
  const t = useT();
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
      setNotice(
        t('members.roleChanged', {
          name: updated.displayName,
          role: roleLabel(intl, updated.role).toLocaleLowerCase(intl.locale),
        }),
      );
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
    setNotice(t('members.removed', { name: member.displayName, workspace: workspace.name }));
  }

  return (
    <section className="panel stack" aria-labelledby="members-heading">
      <div className="panel-header">
        <h2 id="members-heading">{t('members.people')}</h2>
        {members.data && (
          <span className="count">{t('members.count', { count: members.data.length })}</span>
        )}
      </div>
      <ErrorAlert error={members.error ?? error} />
      <Notice>{notice}</Notice>
      {reset && (
        <OneTimeSecret
          label={t('members.resetLinkFor', { name: reset.member.displayName })}
          value={resetLink(reset.link.token)}
          onDone={() => setReset(undefined)}
        >
          <p>
            <FormattedMessage
              id="members.resetWarning"
              values={{
                name: reset.member.displayName,
                email: reset.member.email,
                date: formatDateTime(intl, reset.link.expiresAt),
                strong: (chunks) => <strong>{chunks}</strong>,
              }}
            />
          </p>
        </OneTimeSecret>
      )}
      {members.loading && <Loading label={t('members.loading')} />}
      {members.data && (
        <div className="table-wrap">
          <table className="table table-members">
            <thead>
              <tr>
                <th scope="col">{t('tokens.name')}</th>
                <th scope="col">{t('account.email')}</th>
                <th scope="col">{t('members.role')}</th>
                <th scope="col">{t('members.joined')}</th>
                {hasActions && (
                  <th scope="col">
                    <span className="visually-hidden">{t('table.actions')}</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {members.data.map((member) => (
                <tr key={member.userId}>
                  <th scope="row" className="cell-name">
                    {member.displayName}
                    {member.userId === me.user.id && (
                      <span className="you">{t('members.you')}</span>
                    )}
                  </th>
                  <td className="cell-email">{member.email}</td>
                  <td data-label={t('members.role')}>
                    {canChangeRole ? (
                      <select
                        className="select-compact"
                        aria-label={t('members.roleOf', { name: member.displayName })}
                        value={member.role}
                        disabled={pendingId === member.userId}
                        onChange={(event) => changeRole(member, event.target.value as Role)}
                      >
                        {ROLES.map((role) => (
                          <option key={role} value={role}>
                            {roleLabel(intl, role)}
                          </option>
                        ))}
                      </select>
                    ) : (
                      <RoleBadge role={member.role} />
                    )}
                  </td>
                  <td data-label={t('members.joined')} className="cell-muted">
                    {formatDate(intl, member.joinedAt)}
                  </td>
                  {hasActions && (
                    <td className="cell-actions">
                      {member.abilities.resetLink && (
                        <button
                          type="button"
                          className="button button-secondary button-small"
                          aria-label={t('members.resetLinkFor', { name: member.displayName })}
                          disabled={pendingId === member.userId}
                          onClick={() => issueResetLink(member)}
                        >
                          {t('members.resetLink')}
                        </button>
                      )}
                      {canRemove && (
                        <button
                          type="button"
                          className="button button-danger-quiet button-small"
                          aria-label={t('members.removeNamed', { name: member.displayName })}
                          onClick={() => setRemoving(member)}
                        >
                          {t('action.remove')}
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
          <FormattedMessage
            id="members.resetHelp"
            values={{
              strong: (chunks) => <strong>{chunks}</strong>,
              command: <code>factdesk user reset-password --email …</code>,
            }}
          />
        </p>
      )}
      <ConfirmDialog
        open={removing !== undefined}
        title={t('members.removeTitle', { name: removing?.displayName ?? '' })}
        confirmLabel={t('members.removeConfirm')}
        onClose={() => setRemoving(undefined)}
        onConfirm={async () => {
          if (removing) await remove(removing);
        }}
      >
        <p>
          {removing?.userId === me.user.id
            ? t('members.removeSelf', { workspace: workspace.name })
            : t('members.removeOther', {
                name: removing?.displayName ?? '',
                email: removing?.email ?? '',
                workspace: workspace.name,
              })}
        </p>
      </ConfirmDialog>
    </section>
  );
}
