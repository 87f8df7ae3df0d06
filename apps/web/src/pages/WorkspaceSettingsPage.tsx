// Workspace settings (owners): its name and open sign-up. Shown when the server grants
// `workspace.update`; the server checks again on save.
import { OPEN_SIGNUP_ROLES } from '@factdesk/model';
import { type FormEvent, useId, useState } from 'react';
import { ApiError } from '../api/ApiError.ts';
import { api, type OpenSignupRole, type WorkspaceChanges } from '../api/api.ts';
import { ErrorAlert, Notice } from '../components/Alert.tsx';
import { Field } from '../components/Field.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { ROLE_LABELS } from '../components/roles.ts';
import { usePageTitle } from '../components/usePageTitle.ts';
import { useSession } from '../state/SessionProvider.tsx';
import { useWorkspace } from '../state/WorkspaceContext.tsx';

const SIGNUP_CHOICES: Array<{ value: OpenSignupRole; label: string; hint: string }> = [
  { value: null, label: 'Off', hint: 'People join only with an invite link.' },
  // Least access first: viewer, then reviewer.
  ...OPEN_SIGNUP_ROLES.toReversed().map((role) => ({
    value: role,
    label: `As ${ROLE_LABELS[role].toLowerCase()}`,
    hint: `Anyone who can reach this Factdesk may sign up and join as a ${role}.`,
  })),
];

export function WorkspaceSettingsPage() {
  const { workspace } = useWorkspace();
  usePageTitle('Settings', workspace.name);

  if (!workspace.abilities['workspace.update']) {
    return (
      <div className="page">
        <PageHeader title="Settings" eyebrow={workspace.name}>
          <p>Only workspace owners can change its settings.</p>
        </PageHeader>
      </div>
    );
  }
  return (
    <div className="page page-narrow">
      <PageHeader title="Settings" eyebrow={workspace.name} />
      <SettingsForm key={workspace.id} />
    </div>
  );
}

function SettingsForm() {
  const { workspace, replace } = useWorkspace();
  const session = useSession();
  const [name, setName] = useState(workspace.name);
  const [openSignupRole, setOpenSignupRole] = useState<OpenSignupRole>(workspace.openSignupRole);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [saved, setSaved] = useState(false);
  const radioName = useId();

  const changes: WorkspaceChanges = {
    ...(name.trim() !== workspace.name ? { name: name.trim() } : {}),
    ...(openSignupRole !== workspace.openSignupRole ? { openSignupRole } : {}),
  };
  const changed = Object.keys(changes).length > 0;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!changed) return;
    setPending(true);
    setError(undefined);
    setSaved(false);
    try {
      const updated = await api.updateWorkspace(workspace.id, changes);
      replace(updated);
      setName(updated.name);
      setOpenSignupRole(updated.openSignupRole);
      setSaved(true);
      // The switcher and navigation show the name from GET /api/me.
      await session.refresh();
    } catch (caught) {
      setError(ApiError.from(caught));
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={submit} className="panel stack">
      <Field
        label="Workspace name"
        value={name}
        onChange={(event) => {
          setName(event.target.value);
          setSaved(false);
        }}
        invalid={error?.field === 'name'}
        required
        maxLength={100}
        autoComplete="off"
      />
      <fieldset className="choices">
        <legend>Open sign-up</legend>
        <p className="field-hint">
          Whether people without an invite can create an account and join this workspace.
        </p>
        {SIGNUP_CHOICES.map((choice) => (
          <label key={choice.label} className="choice">
            <input
              type="radio"
              name={radioName}
              checked={openSignupRole === choice.value}
              onChange={() => {
                setOpenSignupRole(choice.value);
                setSaved(false);
              }}
            />
            <span>
              <span className="choice-label">{choice.label}</span>
              <span className="choice-hint">{choice.hint}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <ErrorAlert error={error} />
      <Notice>{saved && 'Settings saved.'}</Notice>
      <div>
        <button type="submit" className="button button-primary" disabled={pending || !changed}>
          {pending ? 'Saving…' : 'Save changes'}
        </button>
      </div>
    </form>
  );
}
