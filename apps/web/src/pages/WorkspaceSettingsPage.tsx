// Workspace settings (owners): its name, open sign-up, the publishing organisation that
// ClaimReview names, the four-eyes rule, and the verdict scale. Shown when the server grants
// `workspace.update`; the server checks again on save. Moderators see the one setting they
// may change: how many independent (blind) verdicts claims need.
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
import { BlindReviewSettings } from './settings/BlindReviewSettings.tsx';
import { VerdictScaleEditor } from './settings/VerdictScaleEditor.tsx';

const SIGNUP_CHOICES: Array<{ value: OpenSignupRole; label: string; hint: string }> = [
  { value: null, label: 'Off', hint: 'People join only with an invite link.' },
  // Least access first: viewer, commenter, then reviewer.
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
    if (workspace.abilities['review.configureBlind']) {
      return (
        <div className="page page-narrow">
          <PageHeader title="Settings" eyebrow={workspace.name}>
            <p>Owners change the other settings.</p>
          </PageHeader>
          <BlindReviewSettings key={`blind-${workspace.id}`} />
        </div>
      );
    }
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
      <BlindReviewSettings key={`blind-${workspace.id}`} />
      <VerdictScaleEditor key={`scale-${workspace.id}`} />
    </div>
  );
}

function SettingsForm() {
  const { workspace, replace } = useWorkspace();
  const session = useSession();
  const [name, setName] = useState(workspace.name);
  const [openSignupRole, setOpenSignupRole] = useState<OpenSignupRole>(workspace.openSignupRole);
  const [orgName, setOrgName] = useState(workspace.organization.name ?? '');
  const [orgUrl, setOrgUrl] = useState(workspace.organization.url ?? '');
  const [orgLogoUrl, setOrgLogoUrl] = useState(workspace.organization.logoUrl ?? '');
  const [fourEyes, setFourEyes] = useState(workspace.fourEyes);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [saved, setSaved] = useState(false);
  const radioName = useId();

  // Blank organisation fields clear them (null): the workspace name stands in for the name.
  const org = workspace.organization;
  const organization: NonNullable<WorkspaceChanges['organization']> = {
    ...(orgName.trim() !== (org.name ?? '') ? { name: orgName.trim() || null } : {}),
    ...(orgUrl.trim() !== (org.url ?? '') ? { url: orgUrl.trim() || null } : {}),
    ...(orgLogoUrl.trim() !== (org.logoUrl ?? '') ? { logoUrl: orgLogoUrl.trim() || null } : {}),
  };
  const changes: WorkspaceChanges = {
    ...(name.trim() !== workspace.name ? { name: name.trim() } : {}),
    ...(openSignupRole !== workspace.openSignupRole ? { openSignupRole } : {}),
    ...(Object.keys(organization).length > 0 ? { organization } : {}),
    ...(fourEyes !== workspace.fourEyes ? { fourEyes } : {}),
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
      setOrgName(updated.organization.name ?? '');
      setOrgUrl(updated.organization.url ?? '');
      setOrgLogoUrl(updated.organization.logoUrl ?? '');
      setFourEyes(updated.fourEyes);
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
      <fieldset className="choices">
        <legend>Publishing organisation</legend>
        <p className="field-hint">
          Who publishes your fact-checks. ClaimReview (the markup fact-check search reads) names it
          as the author of every verdict.
        </p>
        <Field
          label="Name"
          hint={`Leave blank to use the workspace name, “${workspace.name}”.`}
          value={orgName}
          onChange={(event) => {
            setOrgName(event.target.value);
            setSaved(false);
          }}
          invalid={error?.field === 'organization.name'}
          maxLength={200}
          autoComplete="organization"
        />
        <Field
          label="Public website"
          type="url"
          placeholder="https://"
          value={orgUrl}
          onChange={(event) => {
            setOrgUrl(event.target.value);
            setSaved(false);
          }}
          invalid={error?.field === 'organization.url'}
          maxLength={2048}
        />
        <Field
          label="Logo URL"
          type="url"
          placeholder="https://"
          value={orgLogoUrl}
          onChange={(event) => {
            setOrgLogoUrl(event.target.value);
            setSaved(false);
          }}
          invalid={error?.field === 'organization.logoUrl'}
          maxLength={2048}
        />
      </fieldset>
      <fieldset className="choices">
        <legend>Approval</legend>
        <label className="choice">
          <input
            type="checkbox"
            checked={fourEyes}
            onChange={(event) => {
              setFourEyes(event.target.checked);
              setSaved(false);
            }}
          />
          <span>
            <span className="choice-label">Four-eyes rule</span>
            <span className="choice-hint">
              A verdict must be approved by someone other than the person who proposed it. Owners
              may still override it for one claim; the history and the report say so.
            </span>
          </span>
        </label>
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
