// Create an account. With an invite (?invite=<token>) you join its workspace with its role;
// without one, the very first account names and owns the first workspace, and later ones
// need open sign-up (the server answers 403 invite_required otherwise).
import { PASSWORD_MIN_LENGTH } from '@factdesk/model';
import { type FormEvent, type ReactNode, useState } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { ApiError } from '../api/ApiError.ts';
import { api } from '../api/api.ts';
import { ErrorAlert } from '../components/Alert.tsx';
import { AuthLayout } from '../components/AuthLayout.tsx';
import { Field } from '../components/Field.tsx';
import { InviteSummary } from '../components/InviteSummary.tsx';
import { Loading } from '../components/Loading.tsx';
import { usePageTitle } from '../components/usePageTitle.ts';
import { useSession } from '../state/SessionProvider.tsx';
import { useResource } from '../state/useResource.ts';

export function SignupPage() {
  usePageTitle('Sign up');
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
  return (
    <AuthLayout
      title="Create your account"
      intro={intro}
      footer={
        <p>
          Already have an account? <Link to="/login">Log in</Link>
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
  if (preview.loading) {
    return (
      <SignupLayout>
        <Loading label="Checking your invite…" />
      </SignupLayout>
    );
  }
  if (!preview.data) {
    const unusable = preview.error?.status === 404 || preview.error?.status === 400;
    return (
      <SignupLayout>
        {unusable ? (
          <ErrorAlert>
            <p>
              This invite link cannot be used: it is invalid, expired, revoked or already used. Ask
              the person who invited you for a new link.
            </p>
          </ErrorAlert>
        ) : (
          <ErrorAlert error={preview.error} />
        )}
        <p>
          <Link to="/signup">Sign up without an invite</Link>
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
      <Field
        label="Email"
        type="email"
        name="email"
        autoComplete="email"
        value={email}
        onChange={(event) => setEmail(event.target.value)}
        invalid={error?.field === 'email'}
        required
        maxLength={254}
      />
      <Field
        label="Display name"
        name="displayName"
        autoComplete="name"
        value={displayName}
        onChange={(event) => setDisplayName(event.target.value)}
        hint="Shown to your team next to your claims and verdicts."
        invalid={error?.field === 'displayName'}
        required
        maxLength={80}
      />
      <Field
        label="Password"
        type="password"
        name="password"
        autoComplete="new-password"
        value={password}
        onChange={(event) => setPassword(event.target.value)}
        hint={`At least ${PASSWORD_MIN_LENGTH} characters.`}
        invalid={error?.field === 'password'}
        required
        minLength={PASSWORD_MIN_LENGTH}
      />
      {!inviteToken && (
        <Field
          label={
            <>
              Workspace name <span className="optional">(optional)</span>
            </>
          }
          name="workspaceName"
          autoComplete="organization"
          value={workspaceName}
          onChange={(event) => setWorkspaceName(event.target.value)}
          hint="Setting up Factdesk for your newsroom? Name its first workspace, e.g. “Politics desk”."
          invalid={error?.field === 'workspaceName'}
          maxLength={100}
        />
      )}
      <ErrorAlert error={error}>
        {error?.code === 'invite_required' && (
          <p>
            Already have an account? <Link to="/login">Log in</Link>.
          </p>
        )}
      </ErrorAlert>
      <button type="submit" className="button button-primary button-block" disabled={pending}>
        {pending ? 'Creating your account…' : inviteToken ? 'Sign up and join' : 'Create account'}
      </button>
    </form>
  );
}
