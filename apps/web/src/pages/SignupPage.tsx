// Create an account. With an invite (?invite=<token>) you join its workspace with its role;
// without one, the very first account names and owns the first workspace, and later ones
// need open sign-up (the server answers 403 invite_required otherwise).
import { PASSWORD_MIN_LENGTH } from '@factdesk/model';
import { type FormEvent, type ReactNode, useState } from 'react';
import { FormattedMessage } from 'react-intl';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { ApiError } from '../api/ApiError.ts';
import { api } from '../api/api.ts';
import { EmailField, SubmitButton } from '../components/AccountFields.tsx';
import { ErrorAlert } from '../components/Alert.tsx';
import { AuthLayout } from '../components/AuthLayout.tsx';
import { Field } from '../components/Field.tsx';
import { InviteSummary } from '../components/InviteSummary.tsx';
import { Loading } from '../components/Loading.tsx';
import { usePageTitle } from '../components/usePageTitle.ts';
import { useT } from '../i18n/useT.ts';
import { useSession } from '../state/SessionProvider.tsx';
import { useResource } from '../state/useResource.ts';

export function SignupPage() {
  const t = useT();
  usePageTitle(t('signup.pageTitle'));
  const session = useSession();
  const [params] = useSearchParams();
  const inviteToken = params.get('invite') ?? undefined;
  const [signingUp, setSigningUp] = useState(false);

  // Already signed in: an invite is accepted from its own page, anything else is home.
  if (session.state.status === 'signedIn' && !signingUp) {
    return (
      <Navigate to={inviteToken ? `/invite/${encodeURIComponent(inviteToken)}` : '/'} replace />
    );
  }
  return inviteToken ? (
    <InvitedSignup token={inviteToken} onSubmitting={setSigningUp} />
  ) : (
    <SignupLayout>
      <SignupForm onSubmitting={setSigningUp} />
    </SignupLayout>
  );
}

function SignupLayout({ children, intro }: { children: ReactNode; intro?: ReactNode }) {
  const t = useT();
  return (
    <AuthLayout
      title={t('signup.title')}
      intro={intro}
      footer={
        <p>
          <FormattedMessage
            id="signup.haveAccount"
            values={{ link: (chunks) => <Link to="/login">{chunks}</Link> }}
          />
        </p>
      }
    >
      {children}
    </AuthLayout>
  );
}

function InvitedSignup({
  token,
  onSubmitting,
}: {
  token: string;
  onSubmitting: (pending: boolean) => void;
}) {
  const preview = useResource(`invite:${token}`, () => api.previewInvite(token));
  const t = useT();
  if (preview.loading) {
    return (
      <SignupLayout>
        <Loading label={t('invite.checking')} />
      </SignupLayout>
    );
  }
  if (!preview.data) {
    const unusable = preview.error?.status === 404 || preview.error?.status === 400;
    return (
      <SignupLayout>
        {unusable ? (
          <ErrorAlert>
            <p>{t('invite.unusable')}</p>
          </ErrorAlert>
        ) : (
          <ErrorAlert error={preview.error} />
        )}
        <p>
          <Link to="/signup">{t('signup.withoutInvite')}</Link>
        </p>
      </SignupLayout>
    );
  }
  return (
    <SignupLayout intro={<InviteSummary preview={preview.data} />}>
      <SignupForm inviteToken={token} onSubmitting={onSubmitting} />
    </SignupLayout>
  );
}

function SignupForm({
  inviteToken,
  onSubmitting,
}: {
  inviteToken?: string;
  onSubmitting: (pending: boolean) => void;
}) {
  const session = useSession();
  const navigate = useNavigate();
  const t = useT();
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [workspaceName, setWorkspaceName] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError>();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setPending(true);
    onSubmitting(true);
    setError(undefined);
    try {
      const me = await api.signUp({
        email: email.trim(),
        displayName: displayName.trim(),
        password,
        ...(inviteToken ? { inviteToken } : {}),
        ...(!inviteToken && workspaceName.trim() ? { workspaceName: workspaceName.trim() } : {}),
      });
      session.signedIn(me);
      navigate('/', { replace: true });
    } catch (caught) {
      setError(ApiError.from(caught));
      setPending(false);
      onSubmitting(false);
    }
  }

  return (
    <form onSubmit={submit} className="stack">
      <EmailField
        value={email}
        onChange={setEmail}
        invalid={error?.field === 'email'}
        maxLength={254}
      />
      <Field
        label={t('account.displayName')}
        name="displayName"
        autoComplete="name"
        value={displayName}
        onChange={(event) => setDisplayName(event.target.value)}
        hint={t('account.displayName.hint')}
        invalid={error?.field === 'displayName'}
        required
        maxLength={80}
      />
      <Field
        label={t('account.password')}
        type="password"
        name="password"
        autoComplete="new-password"
        value={password}
        onChange={(event) => setPassword(event.target.value)}
        hint={t('password.rule', { min: PASSWORD_MIN_LENGTH })}
        invalid={error?.field === 'password'}
        required
        minLength={PASSWORD_MIN_LENGTH}
      />
      {!inviteToken && (
        <Field
          label={
            <FormattedMessage
              id="signup.workspaceName"
              values={{ optional: (chunks) => <span className="optional">{chunks}</span> }}
            />
          }
          name="workspaceName"
          autoComplete="organization"
          value={workspaceName}
          onChange={(event) => setWorkspaceName(event.target.value)}
          hint={t('signup.workspaceName.hint')}
          invalid={error?.field === 'workspaceName'}
          maxLength={100}
        />
      )}
      <ErrorAlert error={error}>
        {error?.code === 'invite_required' && (
          <p>
            <FormattedMessage
              id="signup.haveAccountSentence"
              values={{ link: (chunks) => <Link to="/login">{chunks}</Link> }}
            />
          </p>
        )}
      </ErrorAlert>
      <SubmitButton pending={pending} pendingLabel={t('signup.pending')}>
        {inviteToken ? t('signup.andJoin') : t('signup.submit')}
      </SubmitButton>
    </form>
  );
}
