// /reset/:token — a one-time reset link from a workspace owner or the administrator: whose
// password it sets, then the new password. The server ends every other session of the
// person and signs them in here.
import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../api/ApiError.ts';
import { api } from '../api/api.ts';
import { ErrorAlert } from '../components/Alert.tsx';
import { AuthLayout } from '../components/AuthLayout.tsx';
import { formatDateTime } from '../components/formatDate.ts';
import { Loading } from '../components/Loading.tsx';
import { NewPasswordFields, useNewPassword } from '../components/NewPasswordFields.tsx';
import { usePageTitle } from '../components/usePageTitle.ts';
import { useSession } from '../state/SessionProvider.tsx';
import { useResource } from '../state/useResource.ts';

const LOG_IN = (
  <p className="actions">
    <Link to="/login">Log in</Link>
  </p>
);

export function ResetPasswordPage() {
  usePageTitle('Set a new password');
  const { token = '' } = useParams();
  const preview = useResource(`reset:${token}`, () => api.previewResetLink(token));

  if (preview.loading) {
    return (
      <AuthLayout title="Set a new password">
        <Loading label="Checking your reset link…" />
      </AuthLayout>
    );
  }
  if (!preview.data) {
    // 404: never issued (or mistyped); 410: used, replaced, expired or withdrawn — the
    // server's sentence says which.
    const status = preview.error?.status;
    return (
      <AuthLayout title="This reset link cannot be used">
        {status === 404 ? (
          <ErrorAlert>
            <p>
              This reset link is not known. Check that you copied all of it, or ask a workspace
              owner for a new one.
            </p>
          </ErrorAlert>
        ) : (
          <ErrorAlert error={preview.error} />
        )}
        {LOG_IN}
      </AuthLayout>
    );
  }
  const { displayName, email, expiresAt } = preview.data;
  return (
    <AuthLayout
      title="Set a new password"
      intro={
        <p>
          For <strong>{displayName}</strong> ({email}). This link works once, until{' '}
          {formatDateTime(expiresAt)}. Setting a password logs you out everywhere else.
        </p>
      }
    >
      <ResetForm token={token} />
    </AuthLayout>
  );
}

function ResetForm({ token }: { token: string }) {
  const session = useSession();
  const navigate = useNavigate();
  const newPassword = useNewPassword();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError>();

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (newPassword.mismatch) return;
    setPending(true);
    setError(undefined);
    try {
      session.signedIn(await api.redeemResetLink(token, newPassword.password));
      navigate('/', { replace: true });
    } catch (caught) {
      setError(ApiError.from(caught));
      setPending(false);
    }
  }

  return (
    <form onSubmit={submit} className="stack">
      <NewPasswordFields state={newPassword} invalid={error?.field === 'newPassword'} />
      <ErrorAlert error={error} />
      <button
        type="submit"
        className="button button-primary button-block"
        disabled={pending || newPassword.mismatch}
      >
        {pending ? 'Setting your password…' : 'Set password and log in'}
      </button>
    </form>
  );
}
