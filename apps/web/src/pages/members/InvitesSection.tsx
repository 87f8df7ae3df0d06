// Invite links (owners): create one with a role, an expiry and a number of uses; its link is
// shown once. The list shows each link's status, and live ones can be revoked.
import type { CreatedInvite, Invite, Role, Workspace } from '@factdesk/model';
import { INVITE_MAX_DAYS, ROLES } from '@factdesk/model';
import { type FormEvent, useId, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { ApiError } from '../../api/ApiError.ts';
import { api, inviteLink } from '../../api/api.ts';
import { ErrorAlert } from '../../components/Alert.tsx';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { Field } from '../../components/Field.tsx';
import { formatDate, formatDateTime } from '../../components/formatDate.ts';
import { Loading } from '../../components/Loading.tsx';
import { OneTimeSecret } from '../../components/OneTimeSecret.tsx';
import { RoleBadge } from '../../components/RoleBadge.tsx';
import { roleDescription, roleLabel } from '../../components/roles.ts';
import { useT } from '../../i18n/useT.ts';
import { useResource } from '../../state/useResource.ts';

export function InvitesSection({ workspace }: { workspace: Workspace }) {
  const canList = workspace.abilities['invite.list'];
  const canRevoke = workspace.abilities['invite.revoke'];
  const invites = useResource(`invites:${workspace.id}:${canList}`, () =>
    canList ? api.invites(workspace.id) : Promise.resolve([]),
  );
  const [created, setCreated] = useState<CreatedInvite>();
  const [revoking, setRevoking] = useState<Invite>();
  const intl = useIntl();
  const t = useT();

  return (
    <section className="panel stack" aria-labelledby="invites-heading">
      <div className="panel-header">
        <h2 id="invites-heading">{t('invites.title')}</h2>
      </div>
      <p className="muted">{t('invites.intro', { workspace: workspace.name })}</p>
      {workspace.abilities['invite.create'] && (
        <CreateInviteForm
          workspaceId={workspace.id}
          onCreated={(result) => {
            setCreated(result);
            invites.update((list) => [result.invite, ...list]);
          }}
        />
      )}
      {created && (
        <OneTimeSecret
          label={t('invites.link')}
          value={inviteLink(created.token)}
          onDone={() => setCreated(undefined)}
        >
          <p>
            <FormattedMessage
              id="invites.createdWarning"
              values={{
                people: created.invite.maxUses,
                role: roleLabel(intl, created.invite.role),
                date: formatDateTime(intl, created.invite.expiresAt),
                strong: (chunks) => <strong>{chunks}</strong>,
              }}
            />
          </p>
        </OneTimeSecret>
      )}
      {canList && (
        <>
          <h3 className="subheading">{t('invites.links')}</h3>
          <ErrorAlert error={invites.error} />
          {invites.loading && <Loading label={t('invites.loading')} />}
          {invites.data?.length === 0 && <p className="muted">{t('invites.none')}</p>}
          {invites.data && invites.data.length > 0 && (
            <div className="table-wrap">
              <table className="table table-cards">
                <thead>
                  <tr>
                    <th scope="col">{t('members.role')}</th>
                    <th scope="col">{t('invites.status')}</th>
                    <th scope="col">{t('invites.uses')}</th>
                    <th scope="col">{t('invites.expires')}</th>
                    <th scope="col">{t('invites.createdBy')}</th>
                    {canRevoke && (
                      <th scope="col">
                        <span className="visually-hidden">{t('table.actions')}</span>
                      </th>
                    )}
                  </tr>
                </thead>
                <tbody>
                  {invites.data.map((invite) => (
                    <tr key={invite.id}>
                      <td data-label={t('members.role')}>
                        <RoleBadge role={invite.role} />
                      </td>
                      <td data-label={t('invites.status')}>
                        <span className={`status status-${invite.status}`}>
                          {t(`invites.status.${invite.status}`)}
                        </span>
                      </td>
                      <td data-label={t('invites.uses')}>
                        {t('invites.useCount', { used: invite.useCount, max: invite.maxUses })}
                      </td>
                      <td data-label={t('invites.expires')} className="cell-muted">
                        {formatDateTime(intl, invite.expiresAt)}
                      </td>
                      <td data-label={t('invites.createdBy')} className="cell-muted">
                        {invite.createdBy}, {formatDate(intl, invite.createdAt)}
                      </td>
                      {canRevoke && (
                        <td className="cell-actions">
                          {invite.status === 'active' && (
                            <button
                              type="button"
                              className="button button-danger-quiet button-small"
                              aria-label={t('invites.revokeNamed', {
                                role: roleLabel(intl, invite.role),
                                date: formatDateTime(intl, invite.createdAt),
                              })}
                              onClick={() => setRevoking(invite)}
                            >
                              {t('action.revoke')}
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
        </>
      )}
      <ConfirmDialog
        open={revoking !== undefined}
        title={t('invites.revokeTitle')}
        confirmLabel={t('invites.revokeConfirm')}
        onClose={() => setRevoking(undefined)}
        onConfirm={async () => {
          if (!revoking) return;
          await api.revokeInvite(workspace.id, revoking.id);
          if (created?.invite.id === revoking.id) setCreated(undefined);
          invites.reload();
        }}
      >
        <p>{t('invites.revokeBody')}</p>
      </ConfirmDialog>
    </section>
  );
}

function CreateInviteForm({
  workspaceId,
  onCreated,
}: {
  workspaceId: string;
  onCreated: (created: CreatedInvite) => void;
}) {
  const [role, setRole] = useState<Role>('reviewer');
  const [expiresInDays, setExpiresInDays] = useState('7');
  const [maxUses, setMaxUses] = useState('1');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError>();
  const roleId = useId();
  const intl = useIntl();
  const t = useT();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setPending(true);
    setError(undefined);
    try {
      onCreated(
        await api.createInvite(workspaceId, {
          role,
          expiresInDays: Number(expiresInDays),
          maxUses: Number(maxUses),
        }),
      );
    } catch (caught) {
      setError(ApiError.from(caught));
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={submit} className="invite-form" aria-label={t('invites.new')}>
      <div className="field">
        <label htmlFor={roleId}>{t('members.role')}</label>
        <select
          id={roleId}
          value={role}
          onChange={(event) => setRole(event.target.value as Role)}
          aria-describedby={`${roleId}-hint`}
        >
          {ROLES.map((value) => (
            <option key={value} value={value}>
              {roleLabel(intl, value)}
            </option>
          ))}
        </select>
        <p className="field-hint" id={`${roleId}-hint`}>
          {roleDescription(intl, role)}
        </p>
      </div>
      <Field
        label={t('invites.expiresAfter')}
        type="number"
        inputMode="numeric"
        min={1}
        max={INVITE_MAX_DAYS}
        step={1}
        value={expiresInDays}
        onChange={(event) => setExpiresInDays(event.target.value)}
        hint={t('invites.expiresHint', { max: INVITE_MAX_DAYS })}
        invalid={error?.field === 'expiresInDays'}
        required
      />
      <Field
        label={t('invites.maxUses')}
        type="number"
        inputMode="numeric"
        min={1}
        max={100}
        step={1}
        value={maxUses}
        onChange={(event) => setMaxUses(event.target.value)}
        hint={t('invites.maxUsesHint')}
        invalid={error?.field === 'maxUses'}
        required
      />
      <div className="invite-form-submit">
        <button type="submit" className="button button-primary" disabled={pending}>
          {pending ? t('action.creating') : t('invites.create')}
        </button>
      </div>
      <ErrorAlert error={error} />
    </form>
  );
}
