// /reset/:token — a one-time reset link from a workspace owner or the administrator: whose
// password it sets, then the new password. The server ends every other session of the
// person and signs them in here.
import { type FormEvent, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../api/ApiError.ts';
import { api } from '../api/api.ts';
import { ErrorAlert } from '../components/Alert.tsx';
import { AuthLayout } from '../components/AuthLayout.tsx';
import { formatDateTime } from '../components/formatDate.ts';
import { Loading } from '../components/Loading.tsx';
import { NewPasswordFields, useNewPassword } from '../components/NewPasswordFields.tsx';
import { usePageTitle } from '../components/usePageTitle.ts';
import { useT } from '../i18n/useT.ts';
import { useSession } from '../state/SessionProvider.tsx';
import { useResource } from '../state/useResource.ts';

function LogInLink() {
  const t = useT();
  return (
    <p className="actions">
      <Link to="/login">{t('login.title')}</Link>
    </p>
  );
}

export function ResetPasswordPage() {
  const t = useT();
  const intl = useIntl();
  usePageTitle(t('reset.title'));
  const { token = '' } = useParams();
  const preview = useResource(`reset:${token}`, () => api.previewResetLink(token));

  if (preview.loading) {
    return (
      <AuthLayout title={t('reset.title')}>
        <Loading label={t('reset.checking')} />
      </AuthLayout>
    );
  }
  if (!preview.data) {
    // 404: never issued (or mistyped); 410: used, replaced, expired or withdrawn — the
    // server's sentence says which.
    const status = preview.error?.status;
    return (
      <AuthLayout title={t('reset.unusableTitle')}>
        {status === 404 ? (
          <ErrorAlert>
            <p>{t('reset.unknown')}</p>
          </ErrorAlert>
        ) : (
          <ErrorAlert error={preview.error} />
        )}
        <LogInLink />
      </AuthLayout>
    );
  }
  const { displayName, email, expiresAt } = preview.data;
  return (
    <AuthLayout
      title={t('reset.title')}
      intro={
        <p>
          <FormattedMessage
            id="reset.intro"
            values={{
              name: displayName,
              email,
              date: formatDateTime(intl, expiresAt),
              strong: (chunks) => <strong>{chunks}</strong>,
            }}
          />
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
  const t = useT();
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
        {pending ? t('reset.pending') : t('reset.submit')}
      </button>
    </form>
  );
}
