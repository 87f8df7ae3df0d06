// Invite links (owners): create one with a role, an expiry and a number of uses; its link is
// shown once. The list shows each link's status, and live ones can be revoked.
import type { CreatedInvite, Invite, Role, Workspace } from '@factdesk/model';
import { INVITE_MAX_DAYS, ROLES } from '@factdesk/model';
import { type FormEvent, useId, useState } from 'react';
import { ApiError } from '../../api/ApiError.ts';
import { api, inviteLink } from '../../api/api.ts';
import { ErrorAlert } from '../../components/Alert.tsx';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { Field } from '../../components/Field.tsx';
import { formatDate, formatDateTime } from '../../components/formatDate.ts';
import { Loading } from '../../components/Loading.tsx';
import { OneTimeSecret } from '../../components/OneTimeSecret.tsx';
import { RoleBadge } from '../../components/RoleBadge.tsx';
import { article, ROLE_DESCRIPTIONS, ROLE_LABELS } from '../../components/roles.ts';
import { useResource } from '../../state/useResource.ts';

const STATUS_LABELS: Record<Invite['status'], string> = {
  active: 'Active',
  expired: 'Expired',
  revoked: 'Revoked',
  used: 'Used up',
};

export function InvitesSection({ workspace }: { workspace: Workspace }) {
  const canList = workspace.abilities['invite.list'];
  const canRevoke = workspace.abilities['invite.revoke'];
  const invites = useResource(`invites:${workspace.id}:${canList}`, () =>
    canList ? api.invites(workspace.id) : Promise.resolve([]),
  );
  const [created, setCreated] = useState<CreatedInvite>();
  const [revoking, setRevoking] = useState<Invite>();

  return (
    <section className="panel stack" aria-labelledby="invites-heading">
      <div className="panel-header">
        <h2 id="invites-heading">Invite links</h2>
      </div>
      <p className="muted">
        Anyone with a link can create an account and join {workspace.name} with the link’s role,
        until it expires or its uses run out.
      </p>
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
          label="Invite link"
          value={inviteLink(created.token)}
          onDone={() => setCreated(undefined)}
        >
          <p>
            <strong>Copy this link now: it is shown only once.</strong> It lets{' '}
            {created.invite.maxUses === 1 ? 'one person' : `${created.invite.maxUses} people`} join
            as {article(created.invite.role)} {created.invite.role} until{' '}
            {formatDateTime(created.invite.expiresAt)}.
          </p>
        </OneTimeSecret>
      )}
      {canList && (
        <>
          <h3 className="subheading">Links</h3>
          <ErrorAlert error={invites.error} />
          {invites.loading && <Loading label="Loading invite links…" />}
          {invites.data?.length === 0 && <p className="muted">No invite links yet.</p>}
          {invites.data && invites.data.length > 0 && (
            <div className="table-wrap">
              <table className="table table-cards">
                <thead>
                  <tr>
                    <th scope="col">Role</th>
                    <th scope="col">Status</th>
                    <th scope="col">Uses</th>
                    <th scope="col">Expires</th>
                    <th scope="col">Created by</th>
                    {canRevoke && (
                      <th scope="col">
                        <span className="visually-hidden">Actions</span>
                      </th>
                    )}
                  </tr>
                </thead>
                <tbody>
                  {invites.data.map((invite) => (
                    <tr key={invite.id}>
                      <td data-label="Role">
                        <RoleBadge role={invite.role} />
                      </td>
                      <td data-label="Status">
                        <span className={`status status-${invite.status}`}>
                          {STATUS_LABELS[invite.status]}
                        </span>
                      </td>
                      <td data-label="Uses">
                        {invite.useCount} of {invite.maxUses}
                      </td>
                      <td data-label="Expires" className="cell-muted">
                        {formatDateTime(invite.expiresAt)}
                      </td>
                      <td data-label="Created by" className="cell-muted">
                        {invite.createdBy}, {formatDate(invite.createdAt)}
                      </td>
                      {canRevoke && (
                        <td className="cell-actions">
                          {invite.status === 'active' && (
                            <button
                              type="button"
                              className="button button-danger-quiet button-small"
                              aria-label={`Revoke ${invite.role} invite created ${formatDateTime(invite.createdAt)}`}
                              onClick={() => setRevoking(invite)}
                            >
                              Revoke
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
        title="Revoke this invite link?"
        confirmLabel="Revoke link"
        onClose={() => setRevoking(undefined)}
        onConfirm={async () => {
          if (!revoking) return;
          await api.revokeInvite(workspace.id, revoking.id);
          if (created?.invite.id === revoking.id) setCreated(undefined);
          invites.reload();
        }}
      >
        <p>Nobody can join with it any more. People who already joined stay members.</p>
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
    <form onSubmit={submit} className="invite-form" aria-label="New invite link">
      <div className="field">
        <label htmlFor={roleId}>Role</label>
        <select
          id={roleId}
          value={role}
          onChange={(event) => setRole(event.target.value as Role)}
          aria-describedby={`${roleId}-hint`}
        >
          {ROLES.map((value) => (
            <option key={value} value={value}>
              {ROLE_LABELS[value]}
            </option>
          ))}
        </select>
        <p className="field-hint" id={`${roleId}-hint`}>
          {ROLE_DESCRIPTIONS[role]}
        </p>
      </div>
      <Field
        label="Expires after (days)"
        type="number"
        inputMode="numeric"
        min={1}
        max={INVITE_MAX_DAYS}
        step={1}
        value={expiresInDays}
        onChange={(event) => setExpiresInDays(event.target.value)}
        hint={`1 to ${INVITE_MAX_DAYS} days.`}
        invalid={error?.field === 'expiresInDays'}
        required
      />
      <Field
        label="Maximum uses"
        type="number"
        inputMode="numeric"
        min={1}
        max={100}
        step={1}
        value={maxUses}
        onChange={(event) => setMaxUses(event.target.value)}
        hint="How many people can join with it."
        invalid={error?.field === 'maxUses'}
        required
      />
      <div className="invite-form-submit">
        <button type="submit" className="button button-primary" disabled={pending}>
          {pending ? 'Creating…' : 'Create invite link'}
        </button>
      </div>
      <ErrorAlert error={error} />
    </form>
  );
}
