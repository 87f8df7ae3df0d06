// Workspace settings (owners): its name, open sign-up, the publishing organisation that
// ClaimReview names, the four-eyes rule, and the verdict scale. Shown when the server grants
// `workspace.update`; the server checks again on save. Moderators see the one setting they
// may change: how many independent (blind) verdicts claims need.
import { OPEN_SIGNUP_ROLES } from '@factdesk/model';
import { type FormEvent, useId, useState } from 'react';
import type { IntlShape } from 'react-intl';
import { useIntl } from 'react-intl';
import { ApiError } from '../api/ApiError.ts';
import { api, type OpenSignupRole, type WorkspaceChanges } from '../api/api.ts';
import { ErrorAlert, Notice } from '../components/Alert.tsx';
import { Field } from '../components/Field.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { roleLabel } from '../components/roles.ts';
import { usePageTitle } from '../components/usePageTitle.ts';
import { useT } from '../i18n/useT.ts';
import { useSession } from '../state/SessionProvider.tsx';
import { useWorkspace } from '../state/WorkspaceContext.tsx';
import { BlindReviewSettings } from './settings/BlindReviewSettings.tsx';
import { VerdictScaleEditor } from './settings/VerdictScaleEditor.tsx';

function signupChoices(
  intl: IntlShape,
): Array<{ value: OpenSignupRole; label: string; hint: string }> {
  const say = intl.formatMessage;
  const role = (value: OpenSignupRole & string) =>
    roleLabel(intl, value).toLocaleLowerCase(intl.locale);
  return [
    {
      value: null,
      label: say({ id: 'settings.signup.off' }),
      hint: say({ id: 'settings.signup.offHint' }),
    },
    // Least access first: viewer, commenter, then reviewer.
    ...OPEN_SIGNUP_ROLES.toReversed().map((value) => ({
      value,
      label: say({ id: 'settings.signup.as' }, { role: role(value) }),
      hint: say({ id: 'settings.signup.asHint' }, { role: role(value) }),
    })),
  ];
}

export function WorkspaceSettingsPage() {
  const { workspace } = useWorkspace();
  const t = useT();
  usePageTitle(t('nav.settings'), workspace.name);

  if (!workspace.abilities['workspace.update']) {
    if (workspace.abilities['review.configureBlind']) {
      return (
        <div className="page page-narrow">
          <PageHeader title={t('nav.settings')} eyebrow={workspace.name}>
            <p>{t('settings.ownersOnly')}</p>
          </PageHeader>
          <BlindReviewSettings key={`blind-${workspace.id}`} />
        </div>
      );
    }
    return (
      <div className="page">
        <PageHeader title={t('nav.settings')} eyebrow={workspace.name}>
          <p>{t('settings.ownersOnly')}</p>
        </PageHeader>
      </div>
    );
  }
  return (
    <div className="page page-narrow">
      <PageHeader title={t('nav.settings')} eyebrow={workspace.name} />
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
  const intl = useIntl();
  const t = useT();

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
        label={t('workspace.name')}
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
        <legend>{t('settings.signup')}</legend>
        <p className="field-hint">{t('settings.signup.hint')}</p>
        {signupChoices(intl).map((choice) => (
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
        <legend>{t('settings.organization')}</legend>
        <p className="field-hint">{t('settings.organization.hint')}</p>
        <Field
          label={t('tokens.name')}
          hint={t('settings.organization.nameHint', { workspace: workspace.name })}
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
          label={t('settings.organization.url')}
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
          label={t('settings.organization.logo')}
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
        <legend>{t('settings.approval')}</legend>
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
            <span className="choice-label">{t('settings.fourEyes')}</span>
            <span className="choice-hint">{t('settings.fourEyes.hint')}</span>
          </span>
        </label>
      </fieldset>
      <ErrorAlert error={error} />
      <Notice>{saved && t('settings.saved')}</Notice>
      <div>
        <button type="submit" className="button button-primary" disabled={pending || !changed}>
          {pending ? t('connection.saving') : t('action.saveChanges')}
        </button>
      </div>
    </form>
  );
}
